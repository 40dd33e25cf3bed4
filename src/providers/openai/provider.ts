import type { Provider } from '../types.js'
import { createChatModel } from './chat-model.js'
import { createOpenAIImageModel, type OpenAIImageOptions } from './image-model.js'
import { openaiChatCapabilities } from './settings.js'
import { createOpenAIClient, type OpenAIClientSettings } from './openai-client.js'

export interface OpenAISettings extends OpenAIClientSettings {
  /** Image quality, format, background, moderation: sent with every image call, in the fingerprint. */
  readonly image?: OpenAIImageOptions
  /** Provider id in model references; default "openai". */
  readonly id?: string
}

export { OPENAI_ENV_VAR } from './openai-client.js'

/** OpenAI chat completions and images. Building it reads no key: the first call does. */
export function createOpenAI(settings: OpenAISettings = {}): Provider {
  const id = settings.id ?? 'openai'
  const client = createOpenAIClient(id, settings)
  return {
    id,
    defaults: { chat: 'gpt-4.1-mini', image: 'gpt-image-1' },
    chat: (modelId) => createChatModel({ provider: id, modelId, client, capabilities: openaiChatCapabilities(modelId) }),
    image: (modelId) =>
      createOpenAIImageModel({ provider: id, modelId, client, downloadDir: settings.downloadDir, ...(settings.image ? { options: settings.image } : {}) }),
  }
}
