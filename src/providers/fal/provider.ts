import { createHttpClient, loadApiKey } from '../http/index.js'
import { transportOf, type TransportSettings } from '../openai/transport-settings.js'
import type { Provider } from '../types.js'
import { sleep as realSleep } from '../../util/sleep.js'
import { createFalImageModel } from './image-model.js'
import { FAL_DEFAULTS } from './models.js'
import { createFalVideoModel } from './video-model.js'

export interface FalSettings extends TransportSettings {
  /** Default: FAL_KEY (or FAL_API_KEY), read at the first call. */
  readonly apiKey?: string
  /** Default https://queue.fal.run. */
  readonly baseURL?: string
  /** Between polls of a video request; default 2 s. */
  readonly pollIntervalMs?: number
  /** Between polls of an image request; default 1 s. */
  readonly imagePollIntervalMs?: number
  /** How long an image request may sit in the queue; default 5 minutes. */
  readonly imageTimeoutMs?: number
  /** Provider id in model references; default "fal". */
  readonly id?: string
}

export const FAL_ENV_VARS = ['FAL_KEY', 'FAL_API_KEY'] as const
export const FAL_QUEUE_URL = 'https://queue.fal.run'

/**
 * fal.ai over its queue API (`Authorization: Key …`): images and clips are both queued requests.
 * Building it reads no key: the first call does.
 */
export function createFal(settings: FalSettings = {}): Provider {
  const id = settings.id ?? 'fal'
  const baseURL = settings.baseURL ?? FAL_QUEUE_URL
  const base = new URL(baseURL.endsWith('/') ? baseURL : `${baseURL}/`)
  const client = createHttpClient({
    ...transportOf(settings),
    provider: id,
    baseURL,
    envVar: FAL_ENV_VARS[0],
    headers: () => ({
      ...settings.headers,
      authorization: `Key ${loadApiKey({ provider: id, envVar: FAL_ENV_VARS, value: settings.apiKey, env: settings.env ?? process.env })}`,
    }),
  })
  const common = { provider: id, client, base, downloadDir: settings.downloadDir }
  return {
    id,
    defaults: FAL_DEFAULTS,
    image: (modelId) =>
      createFalImageModel({
        ...common,
        modelId,
        sleep: settings.sleep ?? realSleep,
        pollIntervalMs: settings.imagePollIntervalMs ?? 1_000,
        timeoutMs: settings.imageTimeoutMs ?? 300_000,
      }),
    video: (modelId) => createFalVideoModel({ ...common, modelId, pollIntervalMs: settings.pollIntervalMs ?? 2_000 }),
  }
}
