import { describe, expect, it } from 'vitest'
import { sniffMediaType } from '../../../src/media/media-type.js'
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
