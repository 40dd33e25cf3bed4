import { createHttpClient, loadApiKey } from '../http/index.js'
import { transportOf } from '../openai/transport-settings.js'
import type { SpeechProvider } from '../speech/speech-provider.js'
import { createElevenLabsMusicModel } from './music-model.js'
import { ELEVENLABS_BASE_URL, ELEVENLABS_DEFAULTS, ELEVENLABS_ENV_VARS, type ElevenLabsSettings } from './settings.js'
import { createElevenLabsSpeechModel } from './speech-model.js'

/** ElevenLabs speech (with character timing) and music. Building it reads no key: the first call does. */
export function createElevenLabs(settings: ElevenLabsSettings = {}): SpeechProvider {
  const id = settings.id ?? 'elevenlabs'
  const client = createHttpClient({
    ...transportOf(settings),
    provider: id,
    baseURL: settings.baseURL ?? ELEVENLABS_BASE_URL,
    envVar: ELEVENLABS_ENV_VARS[0],
    headers: () => ({
      ...settings.headers,
      'xi-api-key': loadApiKey({ provider: id, envVar: ELEVENLABS_ENV_VARS, value: settings.apiKey, env: settings.env ?? process.env }),
    }),
  })
  return {
    id,
    defaults: { ...ELEVENLABS_DEFAULTS },
    speech: (modelId) => createElevenLabsSpeechModel({ provider: id, modelId, client, voiceSettings: settings.voiceSettings }),
    music: (modelId) => createElevenLabsMusicModel({ provider: id, modelId, client }),
  }
}
