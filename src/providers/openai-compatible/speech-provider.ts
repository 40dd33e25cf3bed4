import { createHttpClient, findApiKey, loadApiKey } from '../http/index.js'
import { createOpenAISpeechModel, type OpenAISpeechOptions } from '../openai/speech-model.js'
import { openaiVoices } from '../openai/speech-voices.js'
import { transportOf, type TransportSettings } from '../openai/transport-settings.js'
import type { SpeechProvider } from '../speech/speech-provider.js'
import type { VoiceInfo } from '../types.js'

/** A local or hosted server that speaks OpenAI's `/audio/speech`. */
export interface SpeechServerPreset {
  readonly id: string
  readonly baseURL: string
  readonly envVar: string
  readonly keyOptional: boolean
  readonly defaultModel: string
  /** The server's voices; `any` when it names its own and the spec is trusted to match. */
  readonly voices: readonly VoiceInfo[] | 'any'
}

/**
 * Servers we know by their defaults (from their READMEs, written from memory): Kokoro-FastAPI
 * (its own voice names such as af_bella) and openedai-speech, which maps OpenAI's voice names
 * onto Piper voices.
 */
export const SPEECH_SERVER_PRESETS = {
  kokoro: { id: 'kokoro', baseURL: 'http://localhost:8880/v1', envVar: 'KOKORO_API_KEY', keyOptional: true, defaultModel: 'kokoro', voices: 'any' },
  piper: { id: 'piper', baseURL: 'http://localhost:8000/v1', envVar: 'PIPER_API_KEY', keyOptional: true, defaultModel: 'tts-1', voices: openaiVoices('tts-1') },
} as const satisfies Record<string, SpeechServerPreset>

export interface CompatibleSpeechSettings extends TransportSettings {
  /** A preset name, or a server of your own. */
  readonly preset: keyof typeof SPEECH_SERVER_PRESETS | SpeechServerPreset
  readonly apiKey?: string
  readonly baseURL?: string
  readonly id?: string
  /** The server's voice ids, when the preset's list is not the one it has. */
  readonly voices?: readonly (string | VoiceInfo)[]
  /** Default `wav`: its header carries the server's own sample rate. */
  readonly speech?: OpenAISpeechOptions
}

/** OpenAI-compatible speech (`type: compatible`): the OpenAI speech model against another server. */
export function createCompatibleSpeech(settings: CompatibleSpeechSettings): SpeechProvider {
  const preset: SpeechServerPreset = typeof settings.preset === 'string' ? SPEECH_SERVER_PRESETS[settings.preset] : settings.preset
  const id = settings.id ?? preset.id
  const keyInput = { provider: id, envVar: preset.envVar, value: settings.apiKey, env: settings.env ?? process.env }
  const client = createHttpClient({
    ...transportOf(settings),
    provider: id,
    baseURL: settings.baseURL ?? preset.baseURL,
    envVar: preset.envVar,
    headers: () => {
      const key = preset.keyOptional ? findApiKey(keyInput) : loadApiKey(keyInput)
      return { ...settings.headers, authorization: key === undefined ? undefined : `Bearer ${key}` }
    },
  })
  const voices = settings.voices?.map((voice) => (typeof voice === 'string' ? { id: voice, name: voice } : voice)) ?? preset.voices
  // Instructions only when the config gives a style: most local servers know no such field.
  const options: OpenAISpeechOptions = { format: 'wav', instructions: settings.speech?.style !== undefined, ...settings.speech, voices: settings.speech?.voices ?? voices }
  return {
    id,
    defaults: { speech: preset.defaultModel },
    speech: (modelId) => createOpenAISpeechModel({ provider: id, modelId, client, options }),
  }
}
