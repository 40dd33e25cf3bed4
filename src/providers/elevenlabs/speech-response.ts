import { pcmToWav, S16_MONO } from '../../audio/wav.js'
import { badResponse, responseProblem } from '../http/index.js'
import { expectPcm } from '../speech/audio-type.js'
import type { AlignmentUnit, VoiceInfo } from '../types.js'
import { type CharacterAlignment, wordsFromCharacters } from './alignment.js'
import { SPEECH_SAMPLE_RATE } from './settings.js'

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const numbers = (value: unknown): value is number[] => Array.isArray(value) && value.every((n) => typeof n === 'number' && Number.isFinite(n))

export interface TimedSpeech {
  readonly bytes: Uint8Array
  readonly mediaType: 'audio/wav'
  readonly alignment?: readonly AlignmentUnit[]
}

/**
 * `/with-timestamps` answers `{audio_base64, alignment, normalized_alignment}`. The alignment of
 * the original text is the one subtitles need (the normalized one spells out numbers).
 */
export function parseTimedSpeech(body: unknown): TimedSpeech {
  if (!isObject(body)) throw badResponse('expected a speech object with audio_base64')
  if (typeof body.audio_base64 !== 'string' || !/^[A-Za-z0-9+/=\s]*$/.test(body.audio_base64)) throw badResponse('audio_base64 is missing or not base64')
  const pcm = new Uint8Array(Buffer.from(body.audio_base64, 'base64'))
  if (pcm.length === 0) throw responseProblem('E_PROVIDER_EMPTY', 'the speech answer holds no audio')
  const bytes = pcmToWav(expectPcm(pcm), { sampleRate: SPEECH_SAMPLE_RATE, ...S16_MONO })
  const timing = characterAlignment(body.alignment) ?? characterAlignment(body.normalized_alignment)
  return { bytes, mediaType: 'audio/wav', ...(timing ? { alignment: wordsFromCharacters(timing) } : {}) }
}

function characterAlignment(value: unknown): CharacterAlignment | undefined {
  if (!isObject(value)) return undefined
  const { characters, character_start_times_seconds: starts, character_end_times_seconds: ends } = value
  if (!Array.isArray(characters) || !characters.every((c) => typeof c === 'string') || !numbers(starts) || !numbers(ends)) return undefined
  if (starts.length !== characters.length || ends.length !== characters.length) throw badResponse('alignment arrays differ in length')
  return { characters, starts, ends }
}

/** `GET /v1/voices`: `{voices:[{voice_id, name, labels:{gender, accent, age, description, use_case}, description}]}`. */
export function parseVoices(body: unknown): VoiceInfo[] {
  if (!isObject(body) || !Array.isArray(body.voices)) throw badResponse('expected {voices:[…]}')
  return body.voices.filter(isObject).flatMap((voice): VoiceInfo[] => {
    if (typeof voice.voice_id !== 'string') return []
    const labels = isObject(voice.labels) ? voice.labels : {}
    const gender = typeof labels.gender === 'string' ? labels.gender.toLowerCase() : undefined
    const words = [labels.description, labels.accent, labels.age, labels.use_case, voice.description].filter((w): w is string => typeof w === 'string' && w.trim() !== '')
    return [
      {
        id: voice.voice_id,
        name: typeof voice.name === 'string' ? voice.name : voice.voice_id,
        ...(gender === 'male' || gender === 'female' || gender === 'neutral' ? { gender } : {}),
        ...(words.length > 0 ? { description: words.join(', ') } : {}),
      },
    ]
  })
}
