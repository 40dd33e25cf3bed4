import { describe, expect, it } from 'vitest'
import { extensionFor, sniffMediaType } from '../../../src/media/media-type.js'
import { renderStillClip, stillExtension } from '../../../src/media/still-clip.js'
import { checkMediaHead } from '../../../src/providers/http/media-kind.js'
import { decodeMedia } from '../../../src/providers/http/decode-media.js'
import { encodePng } from '../../../src/media/png-encode.js'

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0))

describe('sniffMediaType', () => {
  it('recognises a PNG it encoded', () => {
    expect(sniffMediaType(encodePng({ width: 1, height: 1, rgb: new Uint8Array(3) }))).toBe('image/png')
  })

  it('recognises the other formats by their magic bytes', () => {
    expect(sniffMediaType(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg')
    expect(sniffMediaType(ascii('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp')
    expect(sniffMediaType(ascii('GIF89a....'))).toBe('image/gif')
    expect(sniffMediaType(Uint8Array.of(0x1a, 0x45, 0xdf, 0xa3, 1, 2))).toBe('video/webm')
    expect(sniffMediaType(ascii('\0\0\0\x18ftypisom\0\0\x02\0'))).toBe('video/mp4')
    expect(sniffMediaType(ascii('\0\0\0\x14ftypqt  \0\0\0\0'))).toBe('video/quicktime')
  })

  it('returns undefined for anything else, including short input', () => {
    expect(sniffMediaType(ascii('hello world, not media'))).toBeUndefined()
    expect(sniffMediaType(new Uint8Array(0))).toBeUndefined()
    expect(sniffMediaType(Uint8Array.of(0x89, 0x50))).toBeUndefined()
  })
})

const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'))
// First 32 bytes of real files: libavif's avifenc output, an iPhone photo, a Nokia HEIF sample.
const AVIF_HEAD = hex('0000001c 66747970 61766966 00000000 61766966 6d696631 6d696166 00000000')
const AVIF_MIF1_HEAD = hex('00000018 66747970 6d696631 00000000 6d696631 61766966 00000000 00000000')
const HEIC_HEAD = hex('00000018 66747970 68656963 00000000 6d696631 68656963 00000000 00000000')
const HEIF_HEAD = hex('00000018 66747970 6d696631 00000000 6d696631 6d696166 00000000 00000000')
const TIFF_LE_HEAD = hex('49492a00 08040000 00000000 00000000')
const TIFF_BE_HEAD = hex('4d4d002a 00000008 00000000 00000000')
const MP4_HEAD = hex('00000020 66747970 69736f6d 00000200 69736f6d 69736f32 61766331 6d703431')

describe('sniffMediaType on ISO-BMFF stills and TIFF', () => {
  it('tells an AVIF still from an MP4 clip by the ftyp brand', () => {
    expect(sniffMediaType(AVIF_HEAD)).toBe('image/avif')
    expect(sniffMediaType(AVIF_MIF1_HEAD)).toBe('image/avif')
    expect(sniffMediaType(MP4_HEAD)).toBe('video/mp4')
  })

  it('recognises HEIC, generic HEIF and TIFF of either byte order', () => {
    expect(sniffMediaType(HEIC_HEAD)).toBe('image/heic')
    expect(sniffMediaType(HEIF_HEAD)).toBe('image/heif')
    expect(sniffMediaType(TIFF_LE_HEAD)).toBe('image/tiff')
    expect(sniffMediaType(TIFF_BE_HEAD)).toBe('image/tiff')
  })

  it('names files by their real type', () => {
    expect(extensionFor('image/avif')).toBe('avif')
    expect(extensionFor('image/heic')).toBe('heic')
    expect(extensionFor('image/tiff')).toBe('tiff')
  })

  it('refuses an AVIF where a video was promised, and accepts it where an image was', () => {
    expect(() => checkMediaHead(AVIF_HEAD, 'video')).toThrow(/expected a video, got image\/avif/)
    expect(checkMediaHead(AVIF_HEAD, 'image')).toBe('image/avif')
    expect(decodeMedia(Buffer.from(HEIC_HEAD).toString('base64'), 'image').mediaType).toBe('image/heic')
  })

  it('takes a TIFF as a still for ffmpeg but not AVIF or HEIC, which the bundled ffmpeg cannot decode', () => {
    expect(stillExtension(TIFF_LE_HEAD)).toBe('tiff')
    expect(stillExtension(AVIF_HEAD)).toBeUndefined()
    expect(stillExtension(HEIC_HEAD)).toBeUndefined()
  })

  it('refuses an AVIF first frame for an animatic with a message naming its real type', async () => {
    const still = renderStillClip({
      image: { bytes: AVIF_HEAD, mediaType: 'video/mp4' },
      prompt: 'p',
      seconds: 1,
      width: 64,
      height: 64,
      fps: 24,
      seed: 1,
      workDir: '/nonexistent-vimax-test-dir',
    })
    await expect(still).rejects.toMatchObject({ code: 'E_MEDIA_UNSUPPORTED_IMAGE', message: expect.stringContaining('image/avif') })
  })
})
