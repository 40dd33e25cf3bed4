import { inflateSync } from 'node:zlib'
import { MediaError } from '../errors.js'

export interface DecodedImage {
  readonly width: number
  readonly height: number
  /** Always 8-bit RGBA, whatever the file's colour type, so callers handle one layout. */
  readonly rgba: Uint8Array
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }

/**
 * Enough PNG for reference thumbnails: 8-bit, non-interlaced, every colour type and filter.
 * Anything else is refused with a clear error rather than decoded wrongly.
 */
export function decodePng(bytes: Uint8Array): DecodedImage {
  if (bytes.length < 8 || bytes[0] !== 0x89 || bytes[1] !== 0x50 || bytes[2] !== 0x4e || bytes[3] !== 0x47) {
    throw unsupported('not a PNG file')
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let width = 0
  let height = 0
  let colourType = -1
  let palette: Uint8Array | undefined
  let transparency: Uint8Array | undefined
  const idat: Uint8Array[] = []
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = view.getUint32(at)
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8))
    const body = bytes.subarray(at + 8, at + 8 + length)
    if (body.length !== length) throw unsupported(`truncated ${type} chunk`)
    if (type === 'IHDR') {
      width = view.getUint32(at + 8)
      height = view.getUint32(at + 12)
      const [depth, colour, , , interlace] = body.subarray(8, 13)
      if (depth !== 8) throw unsupported(`bit depth ${depth} (only 8 is supported)`)
      if (interlace !== 0) throw unsupported('interlaced images')
      if (colour === undefined || CHANNELS[colour] === undefined) throw unsupported(`colour type ${colour}`)
      colourType = colour
    } else if (type === 'PLTE') palette = body
    else if (type === 'tRNS') transparency = body
    else if (type === 'IDAT') idat.push(body)
    else if (type === 'IEND') break
    at += 12 + length
  }
  if (colourType < 0 || width === 0 || height === 0) throw unsupported('missing IHDR')
  if (colourType === 3 && palette === undefined) throw unsupported('palette image without PLTE')
  const channels = CHANNELS[colourType]!
  let raw: Uint8Array
  try {
    raw = inflateSync(Buffer.concat(idat))
  } catch (cause) {
    throw unsupported('corrupt image data', cause)
  }
  const pixels = unfilter(raw, width, height, channels)
  return { width, height, rgba: toRgba(pixels, width * height, colourType, palette, transparency) }
}

function unfilter(raw: Uint8Array, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp
  if (raw.length < (stride + 1) * height) throw unsupported('image data shorter than its size')
  const out = new Uint8Array(stride * height)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!
    const src = y * (stride + 1) + 1
    const row = y * stride
    const prev = row - stride
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? out[row + i - bpp]! : 0
      const b = y > 0 ? out[prev + i]! : 0
      const c = y > 0 && i >= bpp ? out[prev + i - bpp]! : 0
      let predicted: number
      if (filter === 0) predicted = 0
      else if (filter === 1) predicted = a
      else if (filter === 2) predicted = b
      else if (filter === 3) predicted = (a + b) >> 1
      else if (filter === 4) predicted = paeth(a, b, c)
      else throw unsupported(`filter type ${filter} on row ${y}`)
      out[row + i] = (raw[src + i]! + predicted) & 0xff
    }
  }
  return out
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c
  const pa = Math.abs(p - a)
  const pb = Math.abs(p - b)
  const pc = Math.abs(p - c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}

function toRgba(
  px: Uint8Array,
  count: number,
  colourType: number,
  palette: Uint8Array | undefined,
  trns: Uint8Array | undefined,
): Uint8Array {
  if (colourType === 6) return px
  const out = new Uint8Array(count * 4)
  // tRNS for grey/RGB names one 16-bit sample value that is fully transparent; for a palette it
  // holds one alpha per entry.
  const t1 = trns?.[1] ?? -1
  const t3 = trns?.[3] ?? -1
  const t5 = trns?.[5] ?? -1
  for (let i = 0, o = 0; i < count; i++, o += 4) {
    let r: number, g: number, b: number, a: number
    if (colourType === 0) {
      r = g = b = px[i]!
      a = r === t1 ? 0 : 255
    } else if (colourType === 4) {
      r = g = b = px[i * 2]!
      a = px[i * 2 + 1]!
    } else if (colourType === 2) {
      r = px[i * 3]!
      g = px[i * 3 + 1]!
      b = px[i * 3 + 2]!
      a = r === t1 && g === t3 && b === t5 ? 0 : 255
    } else {
      const index = px[i]!
      r = palette![index * 3] ?? 0
      g = palette![index * 3 + 1] ?? 0
      b = palette![index * 3 + 2] ?? 0
      a = trns?.[index] ?? 255
    }
    out[o] = r
    out[o + 1] = g
    out[o + 2] = b
    out[o + 3] = a
  }
  return out
}

function unsupported(what: string, cause?: unknown): MediaError {
  return new MediaError(`cannot decode PNG: ${what}`, {
    code: 'E_IMAGE_DECODE',
    hint: 'only 8-bit non-interlaced PNGs are decoded here; convert the image or use another reference',
    cause,
  })
}
