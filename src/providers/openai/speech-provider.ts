import type { SpeechProvider } from '../speech/speech-provider.js'
import { createOpenAIClient, type OpenAIClientSettings } from './openai-client.js'
import { createOpenAISpeechModel, type OpenAISpeechOptions } from './speech-model.js'

export interface OpenAISpeechSettings extends OpenAIClientSettings {
  /** Format, rate and limits of every speech call; format joins the cache key. */
  readonly speech?: OpenAISpeechOptions
  /** Provider id in model references; default "openai". */
  readonly id?: string
}

export const OPENAI_SPEECH_DEFAULT = 'gpt-4o-mini-tts'

/** OpenAI text to speech (`/audio/speech`). Building it reads no key: the first call does. */
export function createOpenAISpeech(settings: OpenAISpeechSettings = {}): SpeechProvider {
  const id = settings.id ?? 'openai'
  const client = createOpenAIClient(id, settings)
  return {
    id,
    defaults: { speech: OPENAI_SPEECH_DEFAULT },
    speech: (modelId) => createOpenAISpeechModel({ provider: id, modelId, client, options: settings.speech }),
  }
}
