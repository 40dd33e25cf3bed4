import { badResponse, type ResponseInfo } from '../http/index.js'

/** Audio a speech or music vendor may send, by its first bytes. */
export function sniffAudio(bytes: Uint8Array): string | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to))
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav'
  if (bytes.length >= 3 && ascii(0, 3) === 'ID3') return 'audio/mpeg'
  // An MPEG audio frame header: 11 sync bits, then a layer that is not "reserved".
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0 && (bytes[1]! & 0x06) !== 0) return 'audio/mpeg'
  // AAC in ADTS frames (OpenAI's `aac`): the same 12 sync bits, then layer 00, which MPEG audio never uses.
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xf6) === 0xf0) return 'audio/aac'
  if (bytes.length >= 4 && ascii(0, 4) === 'OggS') return 'audio/ogg'
  if (bytes.length >= 4 && ascii(0, 4) === 'fLaC') return 'audio/flac'
  return undefined
}

/**
 * For a `parse` callback: the bytes must be audio of a known container. An error page served
 * with 200 must fail here (and be retried once), not later in ffmpeg.
 */
export function expectAudio(bytes: Uint8Array, response?: ResponseInfo): string {
  const sniffed = sniffAudio(bytes)
  if (sniffed) return sniffed
  throw badResponse(`expected audio, got ${describe(bytes, response)}`)
}

/**
 * Raw PCM has no header to sniff; what can be checked is that it is not text (a JSON or HTML
 * error with a 200) and holds whole 16-bit samples.
 */
export function expectPcm(bytes: Uint8Array, response?: ResponseInfo): Uint8Array {
  const type = response?.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? ''
  if (/json|html|text\//.test(type) || sniffAudio(bytes) === 'audio/wav') {
    throw badResponse(`expected raw PCM audio, got ${describe(bytes, response)}`)
  }
  return bytes
}

function describe(bytes: Uint8Array, response: ResponseInfo | undefined): string {
  const type = response?.headers['content-type']?.split(';')[0]
  const text = Buffer.from(bytes.subarray(0, 60)).toString('utf8').replace(/[^\x20-\x7e]+/g, ' ').trim()
  return `${type ? `${type} ` : ''}"${text}"`
}
