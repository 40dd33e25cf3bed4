import { createHttpClient, loadApiKey } from '../http/index.js'
import { transportOf, type TransportSettings } from '../openai/transport-settings.js'
import type { SpeechProvider } from '../speech/speech-provider.js'
import { GEMINI_BASE_URL, GEMINI_ENV_VARS } from './settings.js'
import { createGeminiSpeechModel } from './speech-model.js'
import { GEMINI_SPEECH_DEFAULT } from './speech-voices.js'

export interface GeminiSpeechSettings extends TransportSettings {
  /** Default: GEMINI_API_KEY, then GOOGLE_API_KEY, read at the first call. */
  readonly apiKey?: string
  /** Default https://generativelanguage.googleapis.com/v1beta. */
  readonly baseURL?: string
  /** Provider id in model references; default "gemini". */
  readonly id?: string
}

/** Gemini TTS. Building it reads no key: the first call does, and sends it as `x-goog-api-key`. */
export function createGeminiSpeech(settings: GeminiSpeechSettings = {}): SpeechProvider {
  const id = settings.id ?? 'gemini'
  const client = createHttpClient({
    ...transportOf(settings),
    provider: id,
    baseURL: settings.baseURL ?? GEMINI_BASE_URL,
    envVar: GEMINI_ENV_VARS[0],
    headers: () => ({
      ...settings.headers,
      'x-goog-api-key': loadApiKey({ provider: id, envVar: GEMINI_ENV_VARS, value: settings.apiKey, env: settings.env ?? process.env }),
    }),
  })
  return {
    id,
    defaults: { speech: GEMINI_SPEECH_DEFAULT },
    speech: (modelId) => createGeminiSpeechModel({ provider: id, modelId, client }),
  }
}
