/** How raw integer PCM is laid out; vendors that send it name only the rate (s16le mono otherwise). */
export interface PcmFormat {
  readonly sampleRate: number
  readonly channels: number
  readonly bitsPerSample: number
}

export const S16_MONO = { channels: 1, bitsPerSample: 16 } as const

/** The facts of a PCM WAV that timing needs, read from its header without decoding. */
export interface WavInfo extends PcmFormat {
  /** 1 integer PCM, 3 IEEE float, 0xfffe extensible. */
  readonly format: number
  readonly dataBytes: number
  readonly durationS: number
}

const PCM = 1
const FLOAT = 3
const EXTENSIBLE = 0xfffe

/** Returns undefined for anything that is not a RIFF/WAVE file with fmt and data chunks. */
export function readWavInfo(bytes: Uint8Array): WavInfo | undefined {
  const found = findData(bytes)
  if (found === undefined) return undefined
  const { format, dataBytes } = found
  const frameBytes = (format.channels * format.bitsPerSample) / 8
  const durationS = frameBytes > 0 && format.sampleRate > 0 ? dataBytes / frameBytes / format.sampleRate : 0
  return { ...format, dataBytes, durationS }
}

/**
 * The integer PCM inside a RIFF/WAVE file and its format; undefined for anything else (float or
 * compressed WAVs included).
 */
export function wavToPcm(bytes: Uint8Array): { readonly format: PcmFormat; readonly pcm: Uint8Array } | undefined {
  const found = findData(bytes)
  if (found === undefined || (found.format.format !== PCM && found.format.format !== EXTENSIBLE)) return undefined
  const { sampleRate, channels, bitsPerSample } = found.format
  return { format: { sampleRate, channels, bitsPerSample }, pcm: bytes.subarray(found.dataAt, found.dataAt + found.dataBytes) }
}

/** Raw little-endian integer PCM (Gemini's and ElevenLabs' `pcm_*` answers) as a WAV file. */
export function pcmToWav(pcm: Uint8Array, format: PcmFormat): Uint8Array {
  const blockAlign = (format.channels * format.bitsPerSample) / 8
  // A torn last frame would shift every later sample of a joined track.
  const dataBytes = pcm.length - (pcm.length % blockAlign)
  return new Uint8Array(Buffer.concat([wavHeader(PCM, format, dataBytes), pcm.subarray(0, dataBytes)]))
}

/** A 44-byte header for mono or multichannel 32-bit float PCM. */
export function floatWavHeader(sampleRate: number, channels: number, frames: number): Buffer {
  return wavHeader(FLOAT, { sampleRate, channels, bitsPerSample: 32 }, frames * channels * 4)
}

export function pcmDurationS(bytes: number, format: PcmFormat): number {
  return bytes / ((format.channels * format.bitsPerSample) / 8) / format.sampleRate
}

function wavHeader(formatTag: number, format: PcmFormat, dataBytes: number): Buffer {
  const blockAlign = (format.channels * format.bitsPerSample) / 8
  const header = Buffer.alloc(44)
  header.write('RIFF', 0, 'ascii')
  header.writeUInt32LE(36 + dataBytes, 4)
  header.write('WAVE', 8, 'ascii')
  header.write('fmt ', 12, 'ascii')
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(formatTag, 20)
  header.writeUInt16LE(format.channels, 22)
  header.writeUInt32LE(format.sampleRate, 24)
  header.writeUInt32LE(format.sampleRate * blockAlign, 28)
  header.writeUInt16LE(blockAlign, 32)
  header.writeUInt16LE(format.bitsPerSample, 34)
  header.write('data', 36, 'ascii')
  header.writeUInt32LE(dataBytes, 40)
  return header
}

/** Walks the RIFF chunks to the data chunk that follows a fmt chunk. */
function findData(bytes: Uint8Array): { format: PcmFormat & { format: number }; dataAt: number; dataBytes: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4))
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return undefined
  let format: (PcmFormat & { format: number }) | undefined
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = tag(at)
    const size = view.getUint32(at + 4, true)
    if (id === 'fmt ' && at + 24 <= bytes.length) {
      format = {
        format: view.getUint16(at + 8, true),
        channels: view.getUint16(at + 10, true),
        sampleRate: view.getUint32(at + 12, true),
        bitsPerSample: view.getUint16(at + 22, true),
      }
    } else if (id === 'data' && format) {
      // Streaming writers leave the size at 0 or 0xffffffff; what follows is the data either way.
      const available = bytes.length - (at + 8)
      return { format, dataAt: at + 8, dataBytes: size === 0 || size > available ? available : size }
    }
    at += 8 + size + (size % 2)
  }
  return undefined
}
