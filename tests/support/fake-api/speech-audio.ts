import { execFileSync } from 'node:child_process'
import { resolveBinary } from '../../../src/media/ffmpeg-path.js'
/** How long the fakes make each character of text sound: durations follow the text. */
export const SECONDS_PER_CHAR = 0.02

/** A tone near 220 Hz as s16le mono PCM: real audio that ffmpeg can measure, sized to the text. */
export function tonePcm(text: string, sampleRate: number): Uint8Array {
  const samples = Math.round([...text].length * SECONDS_PER_CHAR * sampleRate)
  // One period, repeated by a native fill: long texts make minutes of audio.
  const period = Buffer.alloc(Math.round(sampleRate / 220) * 2)
  for (let i = 0; i < period.length / 2; i++) period.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * i * 2) / period.length)), i * 2)
  return new Uint8Array(Buffer.alloc(samples * 2).fill(period))
}

/** The same tone in a WAV. */
export function toneWav(text: string, sampleRate: number): Uint8Array {
  const pcm = tonePcm(text, sampleRate)
  const header = Buffer.alloc(44)
  header.write('RIFF', 0, 'ascii')
  header.writeUInt32LE(36 + pcm.length, 4)
  header.write('WAVEfmt ', 8, 'ascii')
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20)
  header.writeUInt16LE(1, 22)
  header.writeUInt32LE(sampleRate, 24)
  header.writeUInt32LE(sampleRate * 2, 28)
  header.writeUInt16LE(2, 32)
  header.writeUInt16LE(16, 34)
  header.write('data', 36, 'ascii')
  header.writeUInt32LE(pcm.length, 40)
  return new Uint8Array(Buffer.concat([header, pcm]))
}

/** An ID3 tag and one MPEG-1 layer III frame header: enough for sniffing, not for playback. */
export const FAKE_MP3 = new Uint8Array(Buffer.concat([Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'), Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(410)]))

/** Media types the API answers compressed formats with. */
export const ENCODED_TYPES: Readonly<Record<string, string>> = { mp3: 'audio/mpeg', opus: 'audio/ogg', aac: 'audio/aac', flac: 'audio/flac' }
const ENCODERS: Readonly<Record<string, readonly string[]>> = {
  mp3: ['-c:a', 'libmp3lame', '-f', 'mp3'],
  opus: ['-c:a', 'libopus', '-ar', '48000', '-f', 'ogg'],
  aac: ['-c:a', 'aac', '-f', 'adts'],
  flac: ['-c:a', 'flac', '-f', 'flac'],
}

/** The tone really encoded (ffmpeg), as a vendor sends `mp3`, `opus` (Ogg), `aac` (ADTS) or `flac`. */
export function encodedTone(text: string, format: string): Uint8Array {
  const wav = toneWav(text, 24_000)
  const out = execFileSync(resolveBinary('ffmpeg').path, ['-hide_banner', '-loglevel', 'error', '-f', 'wav', '-i', 'pipe:0', ...ENCODERS[format]!, 'pipe:1'], { input: wav, maxBuffer: 64 << 20 })
  return new Uint8Array(out)
}
