/** The facts of a PCM WAV that timing needs, read from its header without decoding. */
export interface WavInfo {
  readonly sampleRate: number
  readonly channels: number
  readonly bitsPerSample: number
  /** 1 integer PCM, 3 IEEE float. */
  readonly format: number
  readonly dataBytes: number
  readonly durationS: number
}

/** Returns undefined for anything that is not a RIFF/WAVE file with fmt and data chunks. */
export function readWavInfo(bytes: Uint8Array): WavInfo | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4))
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return undefined
  let fmt: Omit<WavInfo, 'dataBytes' | 'durationS'> | undefined
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = tag(at)
    const size = view.getUint32(at + 4, true)
    if (id === 'fmt ' && at + 24 <= bytes.length) {
      fmt = {
        format: view.getUint16(at + 8, true),
        channels: view.getUint16(at + 10, true),
        sampleRate: view.getUint32(at + 12, true),
        bitsPerSample: view.getUint16(at + 22, true),
      }
    } else if (id === 'data' && fmt) {
      // Streaming writers leave the size at 0 or 0xffffffff; what follows is the data either way.
      const available = bytes.length - (at + 8)
      const dataBytes = size === 0 || size > available ? available : size
      const frameBytes = (fmt.channels * fmt.bitsPerSample) / 8
      const durationS = frameBytes > 0 && fmt.sampleRate > 0 ? dataBytes / frameBytes / fmt.sampleRate : 0
      return { ...fmt, dataBytes, durationS }
    }
    at += 8 + size + (size % 2)
  }
  return undefined
}

/** A 44-byte header for mono or multichannel 32-bit float PCM. */
export function floatWavHeader(sampleRate: number, channels: number, frames: number): Buffer {
  const dataBytes = frames * channels * 4
  const header = Buffer.alloc(44)
  header.write('RIFF', 0, 'ascii')
  header.writeUInt32LE(36 + dataBytes, 4)
  header.write('WAVE', 8, 'ascii')
  header.write('fmt ', 12, 'ascii')
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(3, 20)
  header.writeUInt16LE(channels, 22)
  header.writeUInt32LE(sampleRate, 24)
  header.writeUInt32LE(sampleRate * channels * 4, 28)
  header.writeUInt16LE(channels * 4, 32)
  header.writeUInt16LE(32, 34)
  header.write('data', 36, 'ascii')
  header.writeUInt32LE(dataBytes, 40)
  return header
}
