import { createHttpClient, findApiKey, loadApiKey } from '../http/index.js'
import { createChatModel } from '../openai/chat-model.js'
import { transportOf, type TransportSettings } from '../openai/transport-settings.js'
import type { Provider } from '../types.js'
import { type CompatiblePreset, type PresetName, PRESETS } from './presets.js'

export interface CompatibleSettings extends TransportSettings {
  /** A preset name, or a preset of your own for another OpenAI-compatible server. */
  readonly preset: PresetName | CompatiblePreset
  /** Default: the preset's environment variable, read at the first call. */
  readonly apiKey?: string
  readonly baseURL?: string
  /** Provider id in model references; default the preset's. */
  readonly id?: string
  /** OpenRouter attribution: sent as HTTP-Referer and X-OpenRouter-Title when set. */
  readonly appUrl?: string
  readonly appTitle?: string
}

/** A chat-only provider for an OpenAI-compatible server: one chat model, a preset per server. */
export function createCompatible(settings: CompatibleSettings): Provider {
  const preset: CompatiblePreset = typeof settings.preset === 'string' ? PRESETS[settings.preset] : settings.preset
  const id = settings.id ?? preset.id
  const envVar = typeof preset.envVar === 'string' ? preset.envVar : preset.envVar[0]
  const keyInput = { provider: id, envVar: preset.envVar, value: settings.apiKey, env: settings.env ?? process.env }
  const client = createHttpClient({
    ...transportOf(settings),
    provider: id,
    baseURL: settings.baseURL ?? preset.baseURL,
    envVar,
    headers: () => {
      const key = preset.keyOptional ? findApiKey(keyInput) : loadApiKey(keyInput)
      return {
        ...settings.headers,
        authorization: key === undefined ? undefined : `Bearer ${key}`,
        'http-referer': settings.appUrl,
        'x-openrouter-title': settings.appTitle,
      }
    },
  })
  return {
    id,
    ...(preset.defaultModel === undefined ? {} : { defaults: { chat: preset.defaultModel } }),
    chat: (modelId) =>
      createChatModel({
        provider: id,
        modelId,
        client,
        capabilities: preset.capabilities(modelId),
        ...(preset.extraBody ? { extraBody: preset.extraBody } : {}),
        ...(preset.sanitizeSchema ? { sanitizeSchema: preset.sanitizeSchema } : {}),
      }),
  }
}
