import type { AlignmentUnit } from '../providers/types.js'
import { readWavInfo } from './wav.js'

/** Where the voice is heard inside a line's audio, seconds from the file's start. */
export interface SpeechSpan {
  readonly startS: number
  readonly endS: number
}

/** -40 dBFS: well under speech, well over the dither and hiss of a TTS file's silent edges. */
const THRESHOLD = 0.01

/**
 * The voiced part of a line: from the vendor's alignment when it gave one, else read from the
 * samples of a PCM WAV. Voices start a file with a little silence (eSpeak ~50 ms, vendors up to
 * 300 ms), and subtitles must appear with the voice, not with the file.
 */
export function speechSpan(bytes: Uint8Array | undefined, durationS: number, alignment?: readonly AlignmentUnit[]): SpeechSpan {
  const spoken = alignment?.filter((unit) => unit.text.trim() !== '') ?? []
  if (spoken.length > 0) {
    const startS = Math.max(0, Math.min(...spoken.map((unit) => unit.startS)))
    const endS = Math.min(durationS, Math.max(...spoken.map((unit) => unit.endS)))
    if (endS > startS) return { startS, endS }
  }
  const fromSamples = bytes && wavSpan(bytes)
  return fromSamples ?? { startS: 0, endS: durationS }
}

/** The first and last sample above the threshold, for 16-bit integer or 32-bit float PCM. */
function wavSpan(bytes: Uint8Array): SpeechSpan | undefined {
  const info = readWavInfo(bytes)
  if (!info || info.dataBytes === 0) return undefined
  const intPcm = info.format === 1 && info.bitsPerSample === 16
  const floatPcm = info.format === 3 && info.bitsPerSample === 32
  if (!intPcm && !floatPcm) return undefined
  const sampleBytes = info.bitsPerSample / 8
  const dataStart = dataOffset(bytes)
  const view = new DataView(bytes.buffer, bytes.byteOffset + dataStart, info.dataBytes - (info.dataBytes % (sampleBytes * info.channels)))
  const samples = view.byteLength / sampleBytes
  const read = (i: number) => (intPcm ? view.getInt16(i * 2, true) / 32768 : view.getFloat32(i * 4, true))
  let first = -1
  let last = -1
  for (let i = 0; i < samples; i++) {
    if (Math.abs(read(i)) > THRESHOLD) {
      if (first < 0) first = i
      last = i
    }
  }
  if (first < 0) return undefined
  const frame = (i: number) => Math.floor(i / info.channels) / info.sampleRate
  return { startS: frame(first), endS: frame(last) + 1 / info.sampleRate }
}

/** Where the samples begin: after the data chunk's header, whatever chunks come before it. */
function dataOffset(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let at = 12; at + 8 <= bytes.length; ) {
    const size = view.getUint32(at + 4, true)
    if (String.fromCharCode(...bytes.subarray(at, at + 4)) === 'data') return at + 8
    at += 8 + size + (size % 2)
  }
  return bytes.length
}
