import type { VoiceInfo } from '../types.js'

/**
 * Gemini's 30 prebuilt TTS voices with the one-word character Google gives each. Genders are
 * from listening notes written from memory, for casting only; every voice speaks every language.
 */
const VOICES: readonly [string, 'female' | 'male', string][] = [
  ['Zephyr', 'female', 'bright'], ['Puck', 'male', 'upbeat'], ['Charon', 'male', 'informative'],
  ['Kore', 'female', 'firm'], ['Fenrir', 'male', 'excitable'], ['Leda', 'female', 'youthful'],
  ['Orus', 'male', 'firm'], ['Aoede', 'female', 'breezy'], ['Callirrhoe', 'female', 'easy-going'],
  ['Autonoe', 'female', 'bright'], ['Enceladus', 'male', 'breathy'], ['Iapetus', 'male', 'clear'],
  ['Umbriel', 'male', 'easy-going'], ['Algieba', 'male', 'smooth'], ['Despina', 'female', 'smooth'],
  ['Erinome', 'female', 'clear'], ['Algenib', 'male', 'gravelly'], ['Rasalgethi', 'male', 'informative'],
  ['Laomedeia', 'female', 'upbeat'], ['Achernar', 'female', 'soft'], ['Alnilam', 'male', 'firm'],
  ['Schedar', 'male', 'even'], ['Gacrux', 'female', 'mature'], ['Pulcherrima', 'female', 'forward'],
  ['Achird', 'male', 'friendly'], ['Zubenelgenubi', 'male', 'casual'], ['Vindemiatrix', 'female', 'gentle'],
  ['Sadachbia', 'male', 'lively'], ['Sadaltager', 'male', 'knowledgeable'], ['Sulafat', 'female', 'warm'],
]

export const GEMINI_VOICES: readonly VoiceInfo[] = VOICES.map(([id, gender, description]) => ({ id, name: id, gender, description }))

/**
 * Characters per request. TTS models take about 8k tokens of input (written from memory); 4,000
 * characters stays under it even for scripts that cost a token per character.
 */
export const GEMINI_SPEECH_MAX_CHARS = 4_000
/** `audio/L16;codec=pcm;rate=24000`: the rate when the mime type names none. */
export const GEMINI_PCM_RATE = 24_000
export const GEMINI_SPEECH_DEFAULT = 'gemini-2.5-flash-preview-tts'
