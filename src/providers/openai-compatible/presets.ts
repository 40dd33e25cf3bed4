import type { JsonSchema, JsonValue } from '../types.js'
import { type ChatCapabilities, openaiChatCapabilities } from '../openai/settings.js'

/** How one OpenAI-compatible server differs from OpenAI. */
export interface CompatiblePreset {
  /** Provider id in model references ("openrouter:openai/gpt-4.1-mini"). */
  readonly id: string
  readonly baseURL: string
  readonly envVar: string | readonly string[]
  /** Local servers take any key or none; no key means no Authorization header. */
  readonly keyOptional: boolean
  readonly capabilities: (modelId: string) => ChatCapabilities
  readonly defaultModel?: string
  readonly extraBody?: (mode: 'json_schema' | 'json_object' | 'text') => Record<string, JsonValue>
  readonly sanitizeSchema?: (schema: JsonSchema) => JsonSchema
}

const compatible = (overrides: Partial<ChatCapabilities>) => (): ChatCapabilities => ({
  structured: 'json_schema',
  strict: false,
  temperature: true,
  seed: true,
  maxTokensField: 'max_tokens',
  ...overrides,
})

export const PRESETS = {
  openrouter: {
    id: 'openrouter',
    baseURL: 'https://openrouter.ai/api/v1',
    envVar: 'OPENROUTER_API_KEY',
    keyOptional: false,
    // OpenAI's reasoning models keep their rules behind OpenRouter; with require_parameters an
    // unsupported temperature would leave no provider to route to.
    capabilities: (modelId) => {
      const base = compatible({ strict: true })()
      return modelId.startsWith('openai/') ? { ...base, temperature: openaiChatCapabilities(modelId.slice(7)).temperature } : base
    },
    defaultModel: 'openai/gpt-4.1-mini',
    // Without it OpenRouter may route to a provider that ignores the schema.
    extraBody: (mode): Record<string, JsonValue> => (mode === 'json_schema' ? { provider: { require_parameters: true } } : {}),
  },
  ollama: {
    id: 'ollama',
    baseURL: 'http://localhost:11434/v1',
    envVar: 'OLLAMA_API_KEY',
    keyOptional: true,
    capabilities: compatible({}),
    defaultModel: 'llama3.2',
  },
  vllm: {
    id: 'vllm',
    baseURL: 'http://localhost:8000/v1',
    envVar: 'VLLM_API_KEY',
    keyOptional: true,
    capabilities: compatible({}),
  },
  deepseek: {
    id: 'deepseek',
    baseURL: 'https://api.deepseek.com/v1',
    envVar: 'DEEPSEEK_API_KEY',
    keyOptional: false,
    capabilities: compatible({ structured: 'json_object', seed: false }),
    defaultModel: 'deepseek-chat',
  },
  'gemini-openai': {
    id: 'gemini-openai',
    baseURL: 'https://generativelanguage.googleapis.com/v1beta/openai',
    envVar: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
    keyOptional: false,
    capabilities: compatible({}),
    defaultModel: 'gemini-2.5-flash',
    sanitizeSchema: (schema) => stripKeys(schema, GEMINI_UNSUPPORTED) as JsonSchema,
  },
} as const satisfies Record<string, CompatiblePreset>

export type PresetName = keyof typeof PRESETS

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[]

/** Gemini takes an OpenAPI-3.0 subset and answers 400 to the rest. */
const GEMINI_UNSUPPORTED = new Set(['$schema', '$id', 'additionalProperties'])

function stripKeys(value: JsonValue, keys: ReadonlySet<string>): JsonValue {
  if (Array.isArray(value)) return value.map((item) => stripKeys(item, keys))
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, JsonValue> = {}
  for (const [key, child] of Object.entries(value)) {
    // Property names are data, not keywords: keep a property called "additionalProperties".
    if (keys.has(key)) continue
    out[key] = key === 'properties' && child && typeof child === 'object' && !Array.isArray(child)
      ? Object.fromEntries(Object.entries(child).map(([name, sub]) => [name, stripKeys(sub as JsonValue, keys)]))
      : stripKeys(child, keys)
  }
  return out
}
