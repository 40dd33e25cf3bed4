import { createHttpClient, loadApiKey } from '../http/index.js'
import { transportOf } from '../openai/transport-settings.js'
import type { Provider } from '../types.js'
import { createGeminiImageModel } from './image-model.js'
import { GEMINI_BASE_URL, GEMINI_DEFAULTS, GEMINI_ENV_VARS, type GeminiSettings } from './settings.js'
import { createVeoModel } from './video-model.js'

/**
 * The Gemini API (Google AI Studio keys): images over `:generateContent` and Veo video over
 * `:predictLongRunning`. Building it reads no key: the first call does, and sends it as
 * `x-goog-api-key` (never `?key=`, which would put it in URLs and logs).
 */
export function createGemini(settings: GeminiSettings = {}): Provider {
  const id = settings.id ?? 'gemini'
  const baseURL = settings.baseURL ?? GEMINI_BASE_URL
  const client = createHttpClient({
    ...transportOf(settings),
    provider: id,
    baseURL,
    envVar: GEMINI_ENV_VARS[0],
    headers: () => ({
      ...settings.headers,
      'x-goog-api-key': loadApiKey({ provider: id, envVar: GEMINI_ENV_VARS, value: settings.apiKey, env: settings.env ?? process.env }),
    }),
  })
  return {
    id,
    defaults: { ...GEMINI_DEFAULTS },
    image: (modelId) => createGeminiImageModel({ provider: id, modelId, client, options: settings.image }),
    video: (modelId) =>
      createVeoModel({
        provider: id,
        modelId,
        client,
        baseURL,
        options: settings.video,
        pollIntervalMs: settings.pollIntervalMs,
        downloadDir: settings.downloadDir,
      }),
  }
}
