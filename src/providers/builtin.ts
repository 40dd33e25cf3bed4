import { PROVIDER_TYPES, type ConfigData, type ProviderConfig } from '../config/config-schema.js'
import { parseDuration } from '../config/parse-duration.js'
import { ConfigError } from '../errors.js'
import type { OfflineOptions } from './offline/options.js'
import type { CompatiblePreset } from './openai-compatible/presets.js'
import type { SpeechServerPreset } from './openai-compatible/speech-provider.js'
import type { TransportSettings } from './openai/transport-settings.js'
import { providerTimeouts } from './provider-timeouts.js'
import type { ProviderFactory } from './registry.js'
import type { Provider } from './types.js'

export interface BuiltinSettings {
  /** Providers as configured (configs/providers.yaml merged with a person's config). */
  readonly providers?: ConfigData['providers']
  /** Where keys are read from, lazily, at each provider's first call. */
  readonly env?: NodeJS.ProcessEnv
  /** Shared by every HTTP provider: one undici agent, one redactor, one request log. */
  readonly transport?: TransportSettings
  readonly offline?: OfflineOptions
}

/**
 * Every configured provider as a lazy factory: nothing is imported, and no key is read, until a
 * run names the provider. The config's `type` picks the implementation.
 */
export function builtinProviders(settings: BuiltinSettings = {}): Record<string, ProviderFactory> {
  const configured = settings.providers ?? { offline: { type: 'offline' } }
  return Object.fromEntries(
    Object.entries(configured).map(([id, config]) => [id, async () => withJobTimeout(await build(id, config, settings), providerTimeouts(id, config).videoJobMs)]),
  )
}

/** Every video model of the provider carries `timeouts.video_job`, which the polling loop honours. */
function withJobTimeout(provider: Provider, jobTimeoutMs: number | undefined): Provider {
  const video = provider.video
  if (jobTimeoutMs === undefined || !video) return provider
  return { ...provider, video: (modelId) => ({ ...video.call(provider, modelId), jobTimeoutMs }) }
}

async function build(id: string, config: ProviderConfig, settings: BuiltinSettings): Promise<Provider> {
  const env = settings.env ?? process.env
  const configuredKey = config.api_key_env ? env[config.api_key_env] : undefined
  const timeouts = providerTimeouts(id, config)
  const common = {
    ...settings.transport,
    id,
    env,
    ...(config.base_url && { baseURL: config.base_url }),
    ...(config.headers && { headers: config.headers }),
    ...(config.max_retries !== undefined && { maxRetries: config.max_retries }),
    ...(Object.keys(timeouts.http).length > 0 && { timeouts: { ...settings.transport?.timeouts, ...timeouts.http } }),
    ...(configuredKey && { apiKey: configuredKey }),
  }
  const pollIntervalMs = config.poll_interval ? parseDuration(config.poll_interval, `providers.${id}.poll_interval`) : undefined
  const polling = pollIntervalMs === undefined ? {} : { pollIntervalMs }
  switch (config.type ?? id) {
    case 'offline':
      return (await import('./offline/index.js')).createOffline(settings.offline)
    case 'openai': {
      const { withAudio } = await import('./speech/speech-provider.js')
      const speech = (await import('./openai/speech-provider.js')).createOpenAISpeech({ ...common, ...speechOptions(config) })
      return withAudio((await import('./openai/provider.js')).createOpenAI(common), speech)
    }
    case 'gemini': {
      const { withAudio } = await import('./speech/speech-provider.js')
      const speech = (await import('./gemini/speech-provider.js')).createGeminiSpeech(common)
      return withAudio((await import('./gemini/provider.js')).createGemini({ ...common, ...polling }), speech)
    }
    case 'elevenlabs':
      return (await import('./elevenlabs/provider.js')).createElevenLabs(common)
    case 'kling':
      return (await import('./kling/provider.js')).createKling({ ...common, ...polling })
    case 'minimax':
      return (await import('./minimax/provider.js')).createMinimax({ ...common, ...polling })
    case 'openrouter':
      return (await import('./openrouter/provider.js')).createOpenRouter({ ...common, ...polling })
    case 'fal':
      return (await import('./fal/provider.js')).createFal({ ...common, ...polling, ...(timeouts.imageJobMs !== undefined && { imageTimeoutMs: timeouts.imageJobMs }) })
    case 'replicate':
      return (await import('./replicate/provider.js')).createReplicate({ ...common, ...polling, ...(timeouts.imageJobMs !== undefined && { imageTimeoutMs: timeouts.imageJobMs }) })
    case 'comfyui': {
      const { createComfyUI } = await import('./comfyui/provider.js')
      return createComfyUI({ ...common, ...polling, ...(config.workflows && { workflows: config.workflows }), ...(timeouts.imageJobMs !== undefined && { imageTimeoutMs: timeouts.imageJobMs }) })
    }
    case 'compatible': {
      const { PRESETS } = await import('./openai-compatible/presets.js')
      const { createCompatible } = await import('./openai-compatible/provider.js')
      const named = config.preset && config.preset in PRESETS ? (config.preset as keyof typeof PRESETS) : undefined
      const chat = createCompatible({ ...common, preset: named ?? customPreset(id, config) })
      // A chat preset (Ollama, DeepSeek…) has no /audio/speech; a speech preset or a server of one's own may.
      if (named !== undefined) return chat
      const { withAudio } = await import('./speech/speech-provider.js')
      const { createCompatibleSpeech } = await import('./openai-compatible/speech-provider.js')
      return withAudio(chat, createCompatibleSpeech({ ...common, preset: await speechPreset(id, config), ...speechOptions(config) }))
    }
    default:
      throw new ConfigError(`provider "${id}" has no type`, {
        code: 'E_CONFIG_INVALID',
        hint: `add "type:" (one of ${PROVIDER_TYPES.join(', ')}) under providers.${id} in vimax.config.yaml`,
      })
  }
}

/** A provider's `speech:` block (response_format, instructions) as the OpenAI speech model's options. */
function speechOptions(config: ProviderConfig): { speech?: { format?: NonNullable<ProviderConfig['speech']>['response_format']; style?: string } } {
  const speech = config.speech
  if (!speech) return {}
  return { speech: { ...(speech.response_format && { format: speech.response_format }), ...(speech.instructions && { style: speech.instructions }) } }
}

/** Any other OpenAI-compatible chat server, from its config entry alone. */
function customPreset(id: string, config: ProviderConfig): CompatiblePreset {
  if (!config.base_url) {
    throw new ConfigError(`provider "${id}" (type compatible) needs a base_url`, {
      code: 'E_CONFIG_INVALID',
      hint: `set providers.${id}.base_url in vimax.config.yaml, e.g. http://localhost:8000/v1`,
    })
  }
  return {
    id,
    baseURL: config.base_url,
    envVar: config.api_key_env ?? `${id.toUpperCase().replace(/-/g, '_')}_API_KEY`,
    keyOptional: config.api_key_env === undefined,
    capabilities: () => ({ structured: 'json_schema', strict: false, temperature: true, seed: true, maxTokensField: 'max_tokens' }),
    ...(config.models?.chat && { defaultModel: config.models.chat }),
  }
}

/** A compatible speech server: a known one (kokoro, piper) by its preset, else from its config entry. */
async function speechPreset(id: string, config: ProviderConfig): Promise<SpeechServerPreset> {
  const { SPEECH_SERVER_PRESETS } = await import('./openai-compatible/speech-provider.js')
  const known = config.preset && config.preset in SPEECH_SERVER_PRESETS ? SPEECH_SERVER_PRESETS[config.preset as keyof typeof SPEECH_SERVER_PRESETS] : undefined
  const base = known ?? { id, baseURL: config.base_url ?? '', envVar: config.api_key_env ?? `${id.toUpperCase().replace(/-/g, '_')}_API_KEY`, keyOptional: config.api_key_env === undefined, defaultModel: 'tts-1', voices: 'any' as const }
  return { ...base, id, ...(config.base_url && { baseURL: config.base_url }), ...(config.models?.speech && { defaultModel: config.models.speech }) }
}
