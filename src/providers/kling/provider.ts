import { createHttpClient, createRedactor, loadApiKey } from '../http/index.js'
import { transportOf, type TransportSettings } from '../openai/transport-settings.js'
import type { Provider } from '../types.js'
import { createTokenSource } from './kling-token.js'
import { reclassifyKling } from './kling-errors.js'
import { KLING_ACCESS_KEY_ENV, KLING_BASE_URL, KLING_DEFAULTS, KLING_SECRET_KEY_ENV, type KlingVideoOptions } from './settings.js'
import { createKlingVideoModel } from './video-model.js'

export interface KlingSettings extends TransportSettings {
  /** The access key; default KLING_ACCESS_KEY, read at the first call. */
  readonly apiKey?: string
  /** The secret key that signs each token; default KLING_SECRET_KEY, read at the first call. */
  readonly secretKey?: string
  /** Default https://api-singapore.klingai.com (mainland accounts: https://api.klingai.com). */
  readonly baseURL?: string
  /** Between polls of a task; default 10 s. */
  readonly pollIntervalMs?: number
  readonly video?: KlingVideoOptions
  /** For tests: the clock the token is dated by. */
  readonly now?: () => number
  /** Provider id in model references; default "kling". */
  readonly id?: string
}

/**
 * Kling's official API. There is no bearer key: every request carries a JWT (HS256) signed with
 * the secret key, made fresh when the last one nears its 30-minute expiry. Both keys and every
 * token are registered with the redactor, so no message or log line can show them.
 */
export function createKling(settings: KlingSettings = {}): Provider {
  const id = settings.id ?? 'kling'
  const env = settings.env ?? process.env
  const redactor = settings.redactor ?? createRedactor()
  const now = settings.now ?? Date.now
  const client = createHttpClient({
    ...transportOf({ ...settings, redactor }),
    provider: id,
    baseURL: settings.baseURL ?? KLING_BASE_URL,
    envVar: KLING_ACCESS_KEY_ENV,
    now,
    headers: () => ({ ...settings.headers }),
    reclassify: reclassifyKling,
  })
  const token = createTokenSource({
    now,
    keys: () => {
      const accessKey = loadApiKey({ provider: id, envVar: KLING_ACCESS_KEY_ENV, value: settings.apiKey, env })
      const secretKey = loadApiKey({ provider: id, envVar: KLING_SECRET_KEY_ENV, value: settings.secretKey, env })
      redactor.add(accessKey)
      redactor.add(secretKey)
      return { accessKey, secretKey }
    },
    onToken: (value) => redactor.add(value),
  })
  return {
    id,
    defaults: { ...KLING_DEFAULTS },
    video: (modelId) =>
      createKlingVideoModel({ provider: id, modelId, client, token, options: settings.video, pollIntervalMs: settings.pollIntervalMs, downloadDir: settings.downloadDir }),
  }
}
