/** How raw integer PCM is laid out; vendors that send it name only the rate (s16le mono otherwise). */
export interface PcmFormat {
  readonly sampleRate: number
  readonly channels: number
  readonly bitsPerSample: number
}

export const S16_MONO = { channels: 1, bitsPerSample: 16 } as const

/** Raw little-endian integer PCM (Gemini's and ElevenLabs' `pcm_*` answers) as a WAV file. */
export function pcmToWav(pcm: Uint8Array, format: PcmFormat): Uint8Array {
  const blockAlign = (format.channels * format.bitsPerSample) / 8
  // A torn last frame would shift every later sample of a joined track.
  const dataBytes = pcm.length - (pcm.length % blockAlign)
  const header = Buffer.alloc(44)
  header.write('RIFF', 0, 'ascii')
  header.writeUInt32LE(36 + dataBytes, 4)
  header.write('WAVE', 8, 'ascii')
  header.write('fmt ', 12, 'ascii')
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20)
  header.writeUInt16LE(format.channels, 22)
  header.writeUInt32LE(format.sampleRate, 24)
  header.writeUInt32LE(format.sampleRate * blockAlign, 28)
  header.writeUInt16LE(blockAlign, 32)
  header.writeUInt16LE(format.bitsPerSample, 34)
  header.write('data', 36, 'ascii')
  header.writeUInt32LE(dataBytes, 40)
  return new Uint8Array(Buffer.concat([header, pcm.subarray(0, dataBytes)]))
}

/**
 * The integer PCM inside a RIFF/WAVE file and its format; undefined for anything else (float or
 * compressed WAVs included). A streamed WAV's data size (0 or 0xffffffff) means "to the end".
 */
export function wavToPcm(bytes: Uint8Array): { readonly format: PcmFormat; readonly pcm: Uint8Array } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4))
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return undefined
  let format: PcmFormat | undefined
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = tag(at)
    const size = view.getUint32(at + 4, true)
    if (id === 'fmt ' && at + 24 <= bytes.length) {
      if (view.getUint16(at + 8, true) !== 1 && view.getUint16(at + 8, true) !== 0xfffe) return undefined
      format = { channels: view.getUint16(at + 10, true), sampleRate: view.getUint32(at + 12, true), bitsPerSample: view.getUint16(at + 22, true) }
    } else if (id === 'data' && format) {
      const available = bytes.length - (at + 8)
      const length = size === 0 || size > available ? available : size
      return { format, pcm: bytes.subarray(at + 8, at + 8 + length) }
    }
    at += 8 + size + (size % 2)
  }
  return undefined
}

export function pcmDurationS(bytes: number, format: PcmFormat): number {
  return bytes / ((format.channels * format.bitsPerSample) / 8) / format.sampleRate
}
