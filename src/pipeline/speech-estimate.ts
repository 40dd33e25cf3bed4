import type { SpeechRequest } from '../providers/types.js'

/** Seconds of speech per character of text, at a natural pace: what a line takes before a voice has spoken it. */
export const SPEECH_SECONDS_PER_CHARACTER = 0.065

/** Characters as vendors count them (code points), and the seconds they will take to say. */
export function estimateSpeech(request: Pick<SpeechRequest, 'text' | 'speed'>): { characters: number; seconds: number } {
  const characters = [...request.text].length
  const pace = request.speed !== undefined && request.speed > 0 ? request.speed : 1
  return { characters, seconds: (characters * SPEECH_SECONDS_PER_CHARACTER) / pace }
}
