export type SniffedMediaType =
  | 'image/png'
  | 'image/jpeg'
  | 'image/webp'
  | 'image/gif'
  | 'image/tiff'
  | 'image/avif'
  | 'image/heic'
  | 'image/heif'
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
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff'
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return 'video/webm'
  if (bytes.length >= 12 && ascii(4, 8) === 'ftyp') return isoBmffType(bytes, ascii)
  // Old QuickTime files may start with a moov/mdat/wide atom instead of ftyp.
  if (bytes.length >= 8 && ['moov', 'mdat', 'wide', 'free'].includes(ascii(4, 8))) return 'video/quicktime'
  return undefined
}

// AVIF and HEIC stills are ISO-BMFF files like MP4: only the ftyp brands tell a still from a clip.
const AVIF_BRANDS = new Set(['avif', 'avis'])
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx'])
const HEIF_BRANDS = new Set(['mif1', 'msf1'])

function isoBmffType(bytes: Uint8Array, ascii: (from: number, to: number) => string): SniffedMediaType {
  const major = ascii(8, 12)
  if (AVIF_BRANDS.has(major)) return 'image/avif'
  if (HEIC_BRANDS.has(major)) return 'image/heic'
  if (major === 'qt  ') return 'video/quicktime'
  if (!HEIF_BRANDS.has(major)) return 'video/mp4'
  // A generic HEIF major brand: the compatible brands (after the minor version) name the codec.
  const boxEnd = Math.min(bytes.length, new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0))
  const compatible: string[] = []
  for (let at = 16; at + 4 <= boxEnd; at += 4) compatible.push(ascii(at, at + 4))
  if (compatible.some((brand) => AVIF_BRANDS.has(brand))) return 'image/avif'
  if (compatible.some((brand) => HEIC_BRANDS.has(brand))) return 'image/heic'
  return 'image/heif'
}

/** Still types the bundled ffmpeg decodes; AVIF and HEIC decoders are newer than it. */
const FFMPEG_STILLS: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/tiff'])

export function ffmpegReadsStill(mediaType: string): boolean {
  return FFMPEG_STILLS.has(mediaType)
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte)
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/tiff': 'tiff',
  'image/avif': 'avif',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/mp4': 'm4a',
}

/** A file name's extension for a media type: it helps people and tools browsing a folder; identity is the digest. */
export function extensionFor(mediaType: string): string {
  return EXTENSIONS[mediaType.toLowerCase().split(';')[0]!.trim()] ?? 'bin'
}
