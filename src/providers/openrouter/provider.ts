import { createHttpClient, createRedactor, loadApiKey } from '../http/index.js'
import { createCompatible } from '../openai-compatible/provider.js'
import { transportOf, type TransportSettings } from '../openai/transport-settings.js'
import type { Provider } from '../types.js'
import { createOpenRouterImageModel, type OpenRouterImageOptions } from './image-model.js'
import { OPENROUTER_BASE_URL, OPENROUTER_DEFAULTS, OPENROUTER_ENV_VAR } from './settings.js'
import { createOpenRouterVideoModel, type OpenRouterVideoOptions } from './video-model.js'

export interface OpenRouterSettings extends TransportSettings {
  /** Default: OPENROUTER_API_KEY, read at the first call. */
  readonly apiKey?: string
  /** Default https://openrouter.ai/api/v1. */
  readonly baseURL?: string
  /** Attribution on openrouter.ai: sent as HTTP-Referer and X-OpenRouter-Title when set. */
  readonly appUrl?: string
  readonly appTitle?: string
  /** Between polls of a video job; default 10 s. */
  readonly pollIntervalMs?: number
  readonly image?: OpenRouterImageOptions
  readonly video?: OpenRouterVideoOptions
  /** Provider id in model references; default "openrouter". */
  readonly id?: string
}

/**
 * OpenRouter: chat through the OpenAI-compatible preset, images through `POST /images`, clips
 * through `POST /videos` jobs. Building it reads no key: the first call does.
 */
export function createOpenRouter(settings: OpenRouterSettings = {}): Provider {
  const id = settings.id ?? 'openrouter'
  // One redactor for both clients, so either one's messages are scrubbed of the key.
  const redactor = settings.redactor ?? createRedactor()
  const compatible = createCompatible({ ...settings, redactor, preset: 'openrouter', id })
  const baseURL = settings.baseURL ?? OPENROUTER_BASE_URL
  const client = createHttpClient({
    ...transportOf({ ...settings, redactor }),
    provider: id,
    baseURL,
    envVar: OPENROUTER_ENV_VAR,
    headers: () => ({
      ...settings.headers,
      authorization: `Bearer ${loadApiKey({ provider: id, envVar: OPENROUTER_ENV_VAR, value: settings.apiKey, env: settings.env ?? process.env })}`,
      'http-referer': settings.appUrl,
      'x-openrouter-title': settings.appTitle,
    }),
  })
  return {
    id,
    defaults: OPENROUTER_DEFAULTS,
    chat: (modelId) => compatible.chat!(modelId),
    image: (modelId) => createOpenRouterImageModel({ provider: id, modelId, client, options: settings.image }),
    video: (modelId) =>
      createOpenRouterVideoModel({
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
