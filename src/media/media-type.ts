export type SniffedMediaType =
  | 'image/png'
  | 'image/jpeg'
  | 'image/webp'
  | 'image/gif'
  | 'video/mp4'
  | 'video/quicktime'
  | 'video/webm'

/**
 * What the bytes are, by their magic numbers: vendors' Content-Type headers and file extensions
 * are often wrong or missing, and the editor must know a still from a clip.
 */
export function sniffMediaType(bytes: Uint8Array): SniffedMediaType | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to))
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp'
  if (bytes.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'image/gif'
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return 'video/webm'
  if (bytes.length >= 12 && ascii(4, 8) === 'ftyp') {
    // QuickTime files declare the "qt  " brand; every other ISO-BMFF brand plays as MP4.
    return ascii(8, 12) === 'qt  ' ? 'video/quicktime' : 'video/mp4'
  }
  // Old QuickTime files may start with a moov/mdat/wide atom instead of ftyp.
  if (bytes.length >= 8 && ['moov', 'mdat', 'wide', 'free'].includes(ascii(4, 8))) return 'video/quicktime'
  return undefined
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte)
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
}

/** A file name's extension for a media type: it helps people and tools browsing a folder; identity is the digest. */
export function extensionFor(mediaType: string): string {
  return EXTENSIONS[mediaType.toLowerCase().split(';')[0]!.trim()] ?? 'bin'
}
