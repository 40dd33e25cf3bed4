import { createHttpClient, loadApiKey } from '../http/index.js'
import type { SpeechProvider } from '../speech/speech-provider.js'
import { OPENAI_ENV_VAR } from './provider.js'
import { createOpenAISpeechModel, type OpenAISpeechOptions } from './speech-model.js'
import { transportOf, type TransportSettings } from './transport-settings.js'

export interface OpenAISpeechSettings extends TransportSettings {
  /** Default: OPENAI_API_KEY, read at the first call. */
  readonly apiKey?: string
  /** Default https://api.openai.com/v1. */
  readonly baseURL?: string
  readonly organization?: string
  readonly project?: string
  /** Format, rate and limits of every speech call; format joins the cache key. */
  readonly speech?: OpenAISpeechOptions
  /** Provider id in model references; default "openai". */
  readonly id?: string
}

export const OPENAI_SPEECH_DEFAULT = 'gpt-4o-mini-tts'

/** OpenAI text to speech (`/audio/speech`). Building it reads no key: the first call does. */
export function createOpenAISpeech(settings: OpenAISpeechSettings = {}): SpeechProvider {
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
    defaults: { speech: OPENAI_SPEECH_DEFAULT },
    speech: (modelId) => createOpenAISpeechModel({ provider: id, modelId, client, options: settings.speech }),
  }
}
