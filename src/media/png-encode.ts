import { crc32, deflateSync } from 'node:zlib'

export type PngPixels =
  | { readonly width: number; readonly height: number; readonly rgb: Uint8Array }
  | { readonly width: number; readonly height: number; readonly rgba: Uint8Array }

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)

/**
 * 8-bit RGB (or RGBA, for overlays that need alpha) PNG. Deterministic: no time or text chunks, a
 * fixed filter and a fixed zlib level, so equal pixels give equal bytes and equal cache digests.
 */
export function encodePng(pixels: PngPixels): Uint8Array {
  const { width, height } = pixels
  const hasAlpha = 'rgba' in pixels
  const data = hasAlpha ? pixels.rgba : pixels.rgb
  const channels = hasAlpha ? 4 : 3
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`PNG size must be positive integers, got ${width}x${height}`)
  }
  if (data.length !== width * height * channels) {
    throw new RangeError(`PNG pixel buffer has ${data.length} bytes, expected ${width * height * channels}`)
  }
  const header = new Uint8Array(13)
  const view = new DataView(header.buffer)
  view.setUint32(0, width)
  view.setUint32(4, height)
  header.set([8, hasAlpha ? 6 : 2, 0, 0, 0], 8)
  const idat = deflateSync(filterUp(data, width * channels, height), { level: 6 })
  return concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))])
}

/**
 * Filter type 2 ("up") on every row: cheap, and it turns the flat areas and repeated rows of cards
 * and captions into zeros that deflate well.
 */
function filterUp(data: Uint8Array, stride: number, height: number): Uint8Array {
  const out = new Uint8Array((stride + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * stride
    const dst = y * (stride + 1)
    out[dst] = y === 0 ? 0 : 2
    if (y === 0) {
      out.set(data.subarray(0, stride), dst + 1)
      continue
    }
    for (let i = 0; i < stride; i++) out[dst + 1 + i] = (data[row + i]! - data[row - stride + i]!) & 0xff
  }
  return out
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, body.length)
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i)
  out.set(body, 8)
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)))
  return out
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}
