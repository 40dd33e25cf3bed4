import { createHttpClient, loadApiKey } from '../http/index.js'
import type { Provider } from '../types.js'
import { createChatModel } from './chat-model.js'
import { createOpenAIImageModel, type OpenAIImageOptions } from './image-model.js'
import { openaiChatCapabilities } from './settings.js'
import { transportOf, type TransportSettings } from './transport-settings.js'

export interface OpenAISettings extends TransportSettings {
  /** Default: OPENAI_API_KEY, read at the first call. */
  readonly apiKey?: string
  /** Default https://api.openai.com/v1. */
  readonly baseURL?: string
  readonly organization?: string
  readonly project?: string
  /** Image quality, format, background, moderation: sent with every image call, in the fingerprint. */
  readonly image?: OpenAIImageOptions
  /** Provider id in model references; default "openai". */
  readonly id?: string
}

export const OPENAI_ENV_VAR = 'OPENAI_API_KEY'

/** OpenAI chat completions and images. Building it reads no key: the first call does. */
export function createOpenAI(settings: OpenAISettings = {}): Provider {
  const id = settings.id ?? 'openai'
  const client = createHttpClient({
    ...transportOf(settings),
    provider: id,
    baseURL: settings.baseURL ?? 'https://api.openai.com/v1',
    envVar: OPENAI_ENV_VAR,
    headers: () => ({
      ...settings.headers,
      authorization: `Bearer ${loadApiKey({ provider: id, envVar: OPENAI_ENV_VAR, value: settings.apiKey, env: settings.env ?? process.env })}`,
      'openai-organization': settings.organization,
      'openai-project': settings.project,
    }),
  })
  return {
    id,
    defaults: { chat: 'gpt-4.1-mini', image: 'gpt-image-1' },
    chat: (modelId) => createChatModel({ provider: id, modelId, client, capabilities: openaiChatCapabilities(modelId) }),
    image: (modelId) =>
      createOpenAIImageModel({ provider: id, modelId, client, downloadDir: settings.downloadDir, ...(settings.image ? { options: settings.image } : {}) }),
  }
}
