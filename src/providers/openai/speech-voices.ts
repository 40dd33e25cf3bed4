import type { VoiceInfo } from '../types.js'

const voice = (id: string, gender: VoiceInfo['gender'], description: string): VoiceInfo => ({
  id,
  name: id,
  gender,
  description,
})

/**
 * OpenAI's built-in voices (the API reference lists the ids). Genders and descriptions are from
 * listening notes, written from memory, for casting only: every voice speaks every language.
 */
const ALL: readonly VoiceInfo[] = [
  voice('alloy', 'neutral', 'neutral, balanced, even'),
  voice('ash', 'male', 'clear, direct, young adult'),
  voice('ballad', 'male', 'soft, melodic, British'),
  voice('coral', 'female', 'warm, friendly, bright'),
  voice('echo', 'male', 'warm, calm, resonant'),
  voice('fable', 'male', 'expressive, storyteller, British'),
  voice('onyx', 'male', 'deep, authoritative, older'),
  voice('nova', 'female', 'energetic, friendly, young'),
  voice('sage', 'female', 'calm, thoughtful, measured'),
  voice('shimmer', 'female', 'soft, gentle, light'),
  voice('verse', 'male', 'versatile, expressive, dramatic'),
  voice('marin', 'female', 'natural, clear, conversational'),
  voice('cedar', 'male', 'natural, grounded, conversational'),
]

/** The tts-1 family predates ballad, verse, marin and cedar. */
const TTS1 = new Set(['alloy', 'ash', 'coral', 'echo', 'fable', 'onyx', 'nova', 'sage', 'shimmer'])

export function openaiVoices(modelId: string): readonly VoiceInfo[] {
  return modelId.startsWith('tts-1') ? ALL.filter((v) => TTS1.has(v.id)) : ALL
}

/** Style instructions are a gpt-4o-mini-tts feature; tts-1 rejects them. */
export function takesInstructions(modelId: string): boolean {
  return !modelId.startsWith('tts-1')
}

/** The documented `input` limit of `/audio/speech`. */
export const OPENAI_SPEECH_MAX_CHARS = 4096
/** `pcm` answers: 24 kHz signed 16-bit little-endian mono. */
export const OPENAI_PCM_RATE = 24_000
