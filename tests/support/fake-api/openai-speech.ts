import { ENCODED_TYPES, encodedTone, FAKE_MP3, tonePcm, toneWav } from './speech-audio.js'
import type { Exchange, Route } from './types.js'

const FIELDS = new Set(['model', 'input', 'voice', 'instructions', 'response_format', 'speed', 'stream_format'])
const FORMATS = new Set(['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'])
const VOICES = new Set(['alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'onyx', 'nova', 'sage', 'shimmer', 'verse', 'marin', 'cedar'])
// Request bodies are whatever the client sent; every field is checked before use.
type Body = Record<string, any>

const invalid = (x: Exchange, message: string, param: string) => x.error(400, { message, type: 'invalid_request_error', code: param })

/**
 * `POST /v1/audio/speech` as the API reference describes it (`additionalProperties: false`,
 * `input` at most 4096 characters, `instructions` not for tts-1): audio bytes, not JSON.
 * `anyVoice` stands for a compatible server with voices of its own; `encode` answers compressed
 * formats with the tone really encoded (ffmpeg) instead of a header-only stand-in.
 */
export function speechRoute(options: { readonly anyVoice?: boolean; readonly pcmRate?: number; readonly wavRate?: number; readonly encode?: boolean } = {}): Route {
  return {
    name: 'audio/speech',
    method: 'POST',
    path: /\/audio\/speech$/,
    respond(x) {
      const body = (x.request.json ?? {}) as Body
      const extra = Object.keys(body).find((key) => !FIELDS.has(key))
      if (extra) return invalid(x, `Unrecognized request argument supplied: ${extra}`, extra)
      if (typeof body.model !== 'string') return invalid(x, "Missing required parameter: 'model'.", 'model')
      if (typeof body.input !== 'string' || body.input.length === 0) return invalid(x, "Missing required parameter: 'input'.", 'input')
      if (body.input.length > 4096) return invalid(x, `'input' is too long: ${body.input.length} characters, the maximum is 4096`, 'input')
      if (typeof body.voice !== 'string' || (!options.anyVoice && !VOICES.has(body.voice))) return invalid(x, `Invalid value for 'voice': ${body.voice}`, 'voice')
      if (body.instructions !== undefined && String(body.model).startsWith('tts-1')) return invalid(x, 'instructions are not supported for tts-1 models', 'instructions')
      const format = body.response_format ?? 'mp3'
      if (!FORMATS.has(format)) return invalid(x, `Invalid value for 'response_format': ${format}`, 'response_format')
      if (body.speed !== undefined && (typeof body.speed !== 'number' || body.speed < 0.25 || body.speed > 4)) return invalid(x, "'speed' must be between 0.25 and 4", 'speed')
      const [type, bytes] =
        format === 'pcm'
          ? ['audio/pcm', tonePcm(body.input, options.pcmRate ?? 24_000)]
          : format === 'wav'
            ? ['audio/wav', toneWav(body.input, options.wavRate ?? 24_000)]
            : options.encode
              ? [ENCODED_TYPES[format]!, encodedTone(body.input, format)]
              : ['audio/mpeg', FAKE_MP3]
      x.res.writeHead(200, { 'content-type': type, 'content-length': String(bytes.length) }).end(Buffer.from(bytes))
    },
  }
}
