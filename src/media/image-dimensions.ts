/** Width and height in pixels. */
export interface ImageDimensions {
  readonly width: number
  readonly height: number
}

/**
 * An image's size from its header bytes alone (PNG, JPEG, WebP, GIF), without decoding: enough
 * to check that a vendor answered a landscape request with a landscape image. Undefined when the
 * format is unknown or the header is cut short.
 */
export function imageDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to))
  if (bytes.length >= 24 && bytes[0] === 0x89 && ascii(1, 4) === 'PNG' && ascii(12, 16) === 'IHDR') {
    return sized(view.getUint32(16), view.getUint32(20))
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegDimensions(bytes, view)
  if (bytes.length >= 10 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) {
    return sized(view.getUint16(6, true), view.getUint16(8, true))
  }
  if (bytes.length >= 30 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return webpDimensions(bytes, view, ascii(12, 16))
  return undefined
}

/** The first start-of-frame segment (SOF0–SOF15, except DHT, JPG and DAC) holds the size. */
function jpegDimensions(bytes: Uint8Array, view: DataView): ImageDimensions | undefined {
  for (let at = 2; at + 9 < bytes.length; ) {
    if (bytes[at] !== 0xff) return undefined
    const marker = bytes[at + 1]!
    // Fill bytes and markers without a length (RSTn, TEM) carry no segment.
    if (marker === 0xff) {
      at++
      continue
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2
      continue
    }
    const length = view.getUint16(at + 2)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return sized(view.getUint16(at + 7), view.getUint16(at + 5))
    }
    at += 2 + length
  }
  return undefined
}

function webpDimensions(bytes: Uint8Array, view: DataView, chunk: string): ImageDimensions | undefined {
  if (chunk === 'VP8 ') return sized(view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff)
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true)
    return sized((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1)
  }
  if (chunk === 'VP8X') {
    const read24 = (at: number) => bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)
    return sized(read24(24) + 1, read24(27) + 1)
  }
  return undefined
}

function sized(width: number, height: number): ImageDimensions | undefined {
  return width > 0 && height > 0 ? { width, height } : undefined
}
