import { crc32, deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { MediaError } from '../../../src/errors.js'
import { decodePng } from '../../../src/media/png-decode.js'
import { encodePng } from '../../../src/media/png-encode.js'

/** A tiny independent PNG writer so the decoder is tested on files it did not make itself. */
function writePng(opts: {
  width: number
  height: number
  colourType: number
  channels: number
  samples: Uint8Array
  filters: number[]
  plte?: Uint8Array
  trns?: Uint8Array
  depth?: number
  interlace?: number
}): Uint8Array {
  const { width, height, channels, samples } = opts
  const stride = width * channels
  const raw = new Uint8Array((stride + 1) * height)
  for (let y = 0; y < height; y++) {
    const filter = opts.filters[y % opts.filters.length]!
    raw[y * (stride + 1)] = filter
    for (let i = 0; i < stride; i++) {
      const x = samples[y * stride + i]!
      const a = i >= channels ? samples[y * stride + i - channels]! : 0
      const b = y > 0 ? samples[(y - 1) * stride + i]! : 0
      const c = y > 0 && i >= channels ? samples[(y - 1) * stride + i - channels]! : 0
      const p = a + b - c
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c
      const predicted = [0, a, b, (a + b) >> 1, paeth][filter]!
      raw[y * (stride + 1) + 1 + i] = (x - predicted) & 0xff
    }
  }
  const chunk = (type: string, body: Uint8Array) => {
    const out = Buffer.alloc(12 + body.length)
    out.writeUInt32BE(body.length, 0)
    out.write(type, 4, 'ascii')
    out.set(body, 8)
    out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length)
    return out
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([opts.depth ?? 8, opts.colourType, 0, 0, opts.interlace ?? 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(opts.plte ? [chunk('PLTE', opts.plte)] : []),
    ...(opts.trns ? [chunk('tRNS', opts.trns)] : []),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ])
}

const pattern = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + (i >> 3) * 11) & 0xff)
const ALL_FILTERS = [0, 1, 2, 3, 4]

describe('encodePng / decodePng', () => {
  it('round-trips RGB', () => {
    const rgb = pattern(7 * 5 * 3)
    const decoded = decodePng(encodePng({ width: 7, height: 5, rgb }))
    expect([decoded.width, decoded.height]).toEqual([7, 5])
    for (let i = 0; i < 35; i++) {
      expect([...decoded.rgba.subarray(i * 4, i * 4 + 4)]).toEqual([...rgb.subarray(i * 3, i * 3 + 3), 255])
    }
  })

  it('round-trips RGBA', () => {
    const rgba = pattern(6 * 4 * 4)
    expect(decodePng(encodePng({ width: 6, height: 4, rgba })).rgba).toEqual(rgba)
  })

  it('is deterministic', () => {
    const rgb = pattern(32 * 32 * 3)
    expect(encodePng({ width: 32, height: 32, rgb })).toEqual(encodePng({ width: 32, height: 32, rgb }))
  })

  it('refuses a buffer of the wrong size', () => {
    expect(() => encodePng({ width: 2, height: 2, rgb: new Uint8Array(5) })).toThrow(RangeError)
  })

  it('decodes RGB with every filter type', () => {
    const samples = pattern(9 * 10 * 3)
    const png = writePng({ width: 9, height: 10, colourType: 2, channels: 3, samples, filters: ALL_FILTERS })
    const { rgba } = decodePng(png)
    for (let i = 0; i < 90; i++) expect([...rgba.subarray(i * 4, i * 4 + 3)]).toEqual([...samples.subarray(i * 3, i * 3 + 3)])
  })

  it('decodes greyscale with a transparent key (colour type 0)', () => {
    const samples = pattern(5 * 5)
    const key = samples[3]!
    const { rgba } = decodePng(writePng({ width: 5, height: 5, colourType: 0, channels: 1, samples, filters: ALL_FILTERS, trns: Uint8Array.of(0, key) }))
    expect([...rgba.subarray(0, 4)]).toEqual([samples[0], samples[0], samples[0], samples[0] === key ? 0 : 255])
    expect(rgba[3 * 4 + 3]).toBe(0)
  })

  it('decodes grey + alpha (colour type 4)', () => {
    const samples = pattern(4 * 3 * 2)
    const { rgba } = decodePng(writePng({ width: 4, height: 3, colourType: 4, channels: 2, samples, filters: ALL_FILTERS }))
    expect([...rgba.subarray(4, 8)]).toEqual([samples[2], samples[2], samples[2], samples[3]])
  })

  it('decodes a palette with tRNS (colour type 3)', () => {
    const plte = Uint8Array.of(255, 0, 0, 0, 255, 0, 0, 0, 255)
    const samples = Uint8Array.of(0, 1, 2, 2, 1, 0)
    const { rgba } = decodePng(writePng({ width: 3, height: 2, colourType: 3, channels: 1, samples, filters: [4, 1], plte, trns: Uint8Array.of(128) }))
    expect([...rgba.subarray(0, 12)]).toEqual([255, 0, 0, 128, 0, 255, 0, 255, 0, 0, 255, 255])
  })

  it('decodes RGBA (colour type 6) with every filter type', () => {
    const samples = pattern(8 * 6 * 4)
    expect(decodePng(writePng({ width: 8, height: 6, colourType: 6, channels: 4, samples, filters: ALL_FILTERS })).rgba).toEqual(samples)
  })

  it('refuses 16-bit, interlaced and non-PNG input with a MediaError', () => {
    const samples = pattern(4 * 4 * 3)
    const base = { width: 4, height: 4, colourType: 2, channels: 3, samples, filters: [0] }
    expect(() => decodePng(writePng({ ...base, depth: 16 }))).toThrow(/bit depth 16/)
    expect(() => decodePng(writePng({ ...base, interlace: 1 }))).toThrow(/interlaced/)
    expect(() => decodePng(Uint8Array.of(1, 2, 3))).toThrow(MediaError)
  })
})
