import { createHttpClient, loadApiKey } from '../http/index.js'
import { transportOf, type TransportSettings } from '../openai/transport-settings.js'
import type { Provider } from '../types.js'
import { MINIMAX_BASE_URL, MINIMAX_DEFAULTS, MINIMAX_ENV_VAR, type MinimaxVideoOptions } from './settings.js'
import { createMinimaxVideoModel } from './video-model.js'

export interface MinimaxSettings extends TransportSettings {
  /** Default: MINIMAX_API_KEY, read at the first call. */
  readonly apiKey?: string
  /** Default https://api.minimax.io (mainland China: https://api.minimaxi.com). */
  readonly baseURL?: string
  /** Between polls of a task; default 10 s. */
  readonly pollIntervalMs?: number
  readonly video?: MinimaxVideoOptions
  /** Provider id in model references; default "minimax". */
  readonly id?: string
}

/** MiniMax (Hailuo video) with a Bearer key. Building it reads no key: the first call does. */
export function createMinimax(settings: MinimaxSettings = {}): Provider {
  const id = settings.id ?? 'minimax'
  const client = createHttpClient({
    ...transportOf(settings),
    provider: id,
    baseURL: settings.baseURL ?? MINIMAX_BASE_URL,
    envVar: MINIMAX_ENV_VAR,
    headers: () => ({
      ...settings.headers,
      authorization: `Bearer ${loadApiKey({ provider: id, envVar: MINIMAX_ENV_VAR, value: settings.apiKey, env: settings.env ?? process.env })}`,
    }),
  })
  return {
    id,
    defaults: { ...MINIMAX_DEFAULTS },
    video: (modelId) =>
      createMinimaxVideoModel({ provider: id, modelId, client, options: settings.video, pollIntervalMs: settings.pollIntervalMs, downloadDir: settings.downloadDir }),
  }
}
