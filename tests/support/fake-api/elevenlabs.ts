import { FAKE_MP3, SECONDS_PER_CHAR, tonePcm } from './speech-audio.js'
import type { Exchange, Route } from './types.js'

/** Voices of the fake account, in `GET /v1/voices`' shape. */
export const ELEVENLABS_FAKE_VOICES = [
  { voice_id: '21m00Tcm4TlvDq8ikWAM', name: 'Rachel', category: 'premade', labels: { gender: 'female', accent: 'american', age: 'young', description: 'calm', use_case: 'narration' } },
  { voice_id: 'pNInz6obpgDQGcFmaJgB', name: 'Adam', category: 'premade', labels: { gender: 'male', accent: 'american', age: 'middle aged', description: 'deep' } },
  { voice_id: 'XB0fDUnXU5powFXDhCwa', name: 'Charlotte', category: 'premade', labels: { gender: 'female', accent: 'swedish', description: 'seductive' } },
]
const TTS_FIELDS = new Set(['text', 'model_id', 'language_code', 'voice_settings', 'pronunciation_dictionary_locators', 'seed', 'previous_text', 'next_text', 'previous_request_ids', 'next_request_ids', 'apply_text_normalization', 'apply_language_text_normalization', 'use_pvc_as_ivc'])
const MUSIC_FIELDS = new Set(['prompt', 'composition_plan', 'music_length_ms', 'model_id', 'seed', 'force_instrumental', 'respect_sections_durations', 'store_for_inpainting', 'sign_with_c2pa'])
// Request bodies are whatever the client sent; every field is checked before use.
type Body = Record<string, any>

const invalid = (x: Exchange, message: string) => x.error(422, { message })

function speech(x: Exchange) {
  const body = (x.request.json ?? {}) as Body
  const voice = ELEVENLABS_FAKE_VOICES.find((v) => v.voice_id === x.request.params.voice)
  if (!voice) return x.error(404, { message: `A voice with voice_id ${x.request.params.voice} was not found.`, code: 'voice_not_found' })
  const extra = Object.keys(body).find((key) => !TTS_FIELDS.has(key))
  if (extra) return invalid(x, `unexpected field ${extra}`)
  if (typeof body.text !== 'string' || body.text === '') return invalid(x, 'field required: text')
  if (typeof body.model_id !== 'string') return invalid(x, 'model_id must be a string')
  if (body.language_code !== undefined && body.model_id === 'eleven_multilingual_v2') return x.error(400, { message: 'language_code is not supported for multilingual_v2 models', code: 'unsupported_language' })
  if (body.seed !== undefined && (!Number.isInteger(body.seed) || body.seed < 0 || body.seed > 4_294_967_295)) return invalid(x, 'seed must be an integer between 0 and 4294967295')
  const rate = /^pcm_(\d+)$/.exec(x.request.query.output_format ?? '')?.[1]
  if (!rate) return invalid(x, `the fake speaks pcm_* only, not ${x.request.query.output_format}`)
  const characters = [...body.text]
  const alignment = {
    characters,
    character_start_times_seconds: characters.map((_, i) => round(i * SECONDS_PER_CHAR)),
    character_end_times_seconds: characters.map((_, i) => round((i + 1) * SECONDS_PER_CHAR)),
  }
  const audio = Buffer.from(tonePcm(body.text, Number(rate))).toString('base64')
  x.json(200, { audio_base64: audio, alignment, normalized_alignment: alignment }, { 'x-character-count': String(characters.length) })
}

function music(x: Exchange) {
  const body = (x.request.json ?? {}) as Body
  const extra = Object.keys(body).find((key) => !MUSIC_FIELDS.has(key))
  if (extra) return invalid(x, `unexpected field ${extra}`)
  if (typeof body.prompt !== 'string' || body.prompt === '') return invalid(x, 'prompt or composition_plan is required')
  if (body.seed !== undefined) return x.error(400, { message: 'seed cannot be used with prompt', code: 'invalid_parameters' })
  const ms = body.music_length_ms
  if (ms !== undefined && (!Number.isInteger(ms) || ms < 3000 || ms > 600_000)) return invalid(x, 'music_length_ms must be between 3000 and 600000')
  if (!/^mp3_/.test(x.request.query.output_format ?? 'mp3_44100_128')) return invalid(x, `the fake makes mp3 only, not ${x.request.query.output_format}`)
  x.res.writeHead(200, { 'content-type': 'audio/mpeg', 'song-id': 'song_fake_1' }).end(Buffer.from(FAKE_MP3))
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000

/** ElevenLabs' speech, voices and music routes (auth `xi-api-key`, dialect `elevenlabs`). */
export const elevenlabsRoutes: readonly Route[] = [
  { name: 'elevenlabs/speech', method: 'POST', path: /^\/v1\/text-to-speech\/(?<voice>[^/]+)\/with-timestamps$/, respond: speech },
  { name: 'elevenlabs/voices', method: 'GET', path: /^\/v1\/voices$/, respond: (x) => x.json(200, { voices: ELEVENLABS_FAKE_VOICES, has_more: false }) },
  { name: 'elevenlabs/music', method: 'POST', path: /^\/v1\/music$/, respond: music },
]
