import type { TransportSettings } from '../openai/transport-settings.js'

export const ELEVENLABS_ENV_VARS = ['ELEVENLABS_API_KEY', 'XI_API_KEY'] as const
export const ELEVENLABS_BASE_URL = 'https://api.elevenlabs.io'
export const ELEVENLABS_DEFAULTS = { speech: 'eleven_multilingual_v2', music: 'music_v1' } as const

/** `voice_settings` of a text-to-speech request; each overrides the voice's stored setting. */
export interface ElevenLabsVoiceSettings {
  readonly stability?: number
  readonly similarity_boost?: number
  readonly style?: number
  readonly use_speaker_boost?: boolean
}

export interface ElevenLabsSettings extends TransportSettings {
  /** Default: ELEVENLABS_API_KEY (or XI_API_KEY), read at the first call, sent as `xi-api-key`. */
  readonly apiKey?: string
  /** Default https://api.elevenlabs.io. */
  readonly baseURL?: string
  /** Sent with every speech call; they join the cache key. */
  readonly voiceSettings?: ElevenLabsVoiceSettings
  /** Provider id in model references; default "elevenlabs". */
  readonly id?: string
}

/**
 * Characters per request, by model (ElevenLabs' model table, written from memory): Flash and
 * Turbo v2.5 take 40,000, Multilingual v2 10,000, v3 5,000; unknown models get the smallest.
 */
export function elevenLabsMaxChars(modelId: string): number {
  if (/^eleven_(flash|turbo)_v2_5/.test(modelId)) return 40_000
  if (/^eleven_(multilingual|flash|turbo)_v2/.test(modelId) || modelId === 'eleven_monolingual_v1') return 10_000
  return 5_000
}

/** `language_code` is refused by Multilingual v2 ("not supported for multilingual_v2 models"). */
export function takesLanguageCode(modelId: string): boolean {
  return /_v2_5|^eleven_v3/.test(modelId)
}

/** Raw PCM at 24 kHz: every subscription tier may ask for it (44.1 kHz needs Pro), and it joins exactly. */
export const SPEECH_OUTPUT_FORMAT = 'pcm_24000'
export const SPEECH_SAMPLE_RATE = 24_000
/** Music comes as MP3: the default format of the music models, open to every tier. */
export const MUSIC_OUTPUT_FORMAT = 'mp3_44100_128'
