import { createHttpClient, loadApiKey } from '../http/index.js'
import { transportOf, type TransportSettings } from '../openai/transport-settings.js'
import type { Provider } from '../types.js'
import { sleep as realSleep } from '../../util/sleep.js'
import { createReplicateImageModel } from './image-model.js'
import { REPLICATE_DEFAULTS } from './input.js'
import { createReplicateVideoModel } from './video-model.js'

export interface ReplicateSettings extends TransportSettings {
  /** Default: REPLICATE_API_TOKEN, read at the first call. */
  readonly apiKey?: string
  /** Default https://api.replicate.com/v1. */
  readonly baseURL?: string
  /** Between polls of a video prediction; default 2 s. */
  readonly pollIntervalMs?: number
  /** Between polls of an image prediction that outlived `Prefer: wait`; default 1 s. */
  readonly imagePollIntervalMs?: number
  /** How long an image prediction may run; default 5 minutes. */
  readonly imageTimeoutMs?: number
  /** Seconds an image create waits for the result (`Prefer: wait=N`, 1–60); default 60. */
  readonly waitSeconds?: number
  /** Provider id in model references; default "replicate". */
  readonly id?: string
}

export const REPLICATE_ENV_VARS = ['REPLICATE_API_TOKEN'] as const
export const REPLICATE_API_URL = 'https://api.replicate.com/v1'

/**
 * Replicate predictions (`Authorization: Bearer …`): any image or video model, addressed as
 * `replicate:owner/name` (its latest version) or `replicate:owner/name:<version id>`.
 * Building it reads no key: the first call does.
 */
export function createReplicate(settings: ReplicateSettings = {}): Provider {
  const id = settings.id ?? 'replicate'
  const client = createHttpClient({
    ...transportOf(settings),
    provider: id,
    baseURL: settings.baseURL ?? REPLICATE_API_URL,
    envVar: REPLICATE_ENV_VARS[0],
    headers: () => ({
      ...settings.headers,
      authorization: `Bearer ${loadApiKey({ provider: id, envVar: REPLICATE_ENV_VARS, value: settings.apiKey, env: settings.env ?? process.env })}`,
    }),
  })
  const common = { provider: id, client, downloadDir: settings.downloadDir }
  return {
    id,
    defaults: REPLICATE_DEFAULTS,
    image: (modelId) =>
      createReplicateImageModel({
        ...common,
        modelId,
        sleep: settings.sleep ?? realSleep,
        pollIntervalMs: settings.imagePollIntervalMs ?? 1_000,
        timeoutMs: settings.imageTimeoutMs ?? 300_000,
        waitSeconds: Math.min(60, Math.max(1, Math.round(settings.waitSeconds ?? 60))),
      }),
    video: (modelId) => createReplicateVideoModel({ ...common, modelId, pollIntervalMs: settings.pollIntervalMs ?? 2_000 }),
  }
}
