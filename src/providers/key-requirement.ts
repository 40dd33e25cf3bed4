import type { ProviderConfig } from '../config/config-schema.js'
import { apiKeyState, type ApiKeyState } from './http/api-key.js'

/** Where a configured provider reads its key, and whether it can do without one. */
export interface KeyRequirement {
  /** `api_key_env` first, then the implementation's own variables: the order the provider reads them in. */
  readonly envVars: readonly string[]
  /** Local servers (Ollama, vLLM) take any key or none. */
  readonly optional: boolean
  /** Variables needed as well, each on its own (Kling signs with a secret besides its access key). */
  readonly alsoRequired?: readonly string[]
}

/**
 * The key a provider entry needs, from the same constants its implementation reads; undefined
 * for the offline provider and for an entry with no known type. Modules load only for the types
 * asked about, so an offline run imports no vendor.
 */
export async function keyRequirement(id: string, config: ProviderConfig): Promise<KeyRequirement | undefined> {
  const own = config.api_key_env === undefined ? [] : [config.api_key_env]
  const needs = (names: string | readonly string[], optional = false): KeyRequirement => ({
    envVars: [...new Set([...own, ...(typeof names === 'string' ? [names] : names)])],
    optional,
  })
  switch (config.type ?? id) {
    case 'openai':
      return needs((await import('./openai/provider.js')).OPENAI_ENV_VAR)
    case 'gemini':
      return needs((await import('./gemini/settings.js')).GEMINI_ENV_VARS)
    case 'openrouter':
      return needs((await import('./openrouter/settings.js')).OPENROUTER_ENV_VAR)
    case 'fal':
      return needs((await import('./fal/provider.js')).FAL_ENV_VARS)
    case 'replicate':
      return needs((await import('./replicate/provider.js')).REPLICATE_ENV_VARS)
    case 'elevenlabs':
      return needs((await import('./elevenlabs/settings.js')).ELEVENLABS_ENV_VARS)
    case 'kling': {
      const { KLING_ACCESS_KEY_ENV, KLING_SECRET_KEY_ENV } = await import('./kling/settings.js')
      return { ...needs(KLING_ACCESS_KEY_ENV), alsoRequired: [KLING_SECRET_KEY_ENV] }
    }
    case 'minimax':
      return needs((await import('./minimax/settings.js')).MINIMAX_ENV_VAR)
    case 'compatible': {
      const { PRESETS } = await import('./openai-compatible/presets.js')
      const preset = config.preset !== undefined && config.preset in PRESETS ? PRESETS[config.preset as keyof typeof PRESETS] : undefined
      if (preset) return needs(preset.envVar, preset.keyOptional)
      // Kokoro and Piper servers take any key or none.
      const { SPEECH_SERVER_PRESETS } = await import('./openai-compatible/speech-provider.js')
      if (config.preset !== undefined && config.preset in SPEECH_SERVER_PRESETS) return own.length === 0 ? undefined : needs(own, true)
      // A server of one's own (see builtin.ts): a key only when the entry names its variable.
      return own.length === 0 ? undefined : needs(own)
    }
    default:
      return undefined
  }
}

/** The key's state for a provider entry, by the one rule every check shares (`apiKeyState`). */
export function providerKeyState(id: string, requirement: KeyRequirement, env: Readonly<Record<string, string | undefined>>): ApiKeyState {
  return apiKeyState({ provider: id, envVar: requirement.envVars, env })
}
