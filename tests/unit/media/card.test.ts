import { describe, expect, it } from 'vitest'
import { FRAME_SIZES } from '../../../src/media/frame-size.js'
import { renderCard, type CardInput } from '../../../src/media/card.js'
import { cardSeed, cardTextFromPrompt } from '../../../src/media/card-text.js'
import { decodePng } from '../../../src/media/png-decode.js'

const base: CardInput = {
  width: 1280,
  height: 720,
  heading: 'Shot 1.2',
  body: 'Mira stands at the end of the pier in the rain, looking at the lighthouse. Zoë’s café — closed.',
  thumbnails: [],
  seed: 7,
}

const portrait = renderCard({ ...base, width: 720, height: 1280, heading: 'Mira — front', body: 'Silver hair.' })

describe('renderCard', () => {
  it('gives the same bytes for the same input', () => {
    const withThumb = { ...base, thumbnails: [{ bytes: portrait, mediaType: 'image/png', label: 'Mira, front' }] }
    expect(Buffer.from(renderCard(withThumb)).equals(Buffer.from(renderCard(withThumb)))).toBe(true)
  })

  it('has the frame size of every aspect ratio', () => {
    for (const size of Object.values(FRAME_SIZES)) {
      const decoded = decodePng(renderCard({ ...base, ...size }))
      expect([decoded.width, decoded.height]).toEqual([size.width, size.height])
    }
  })

  it('draws the references, PNG or not', () => {
    const plain = renderCard(base)
    const png = renderCard({ ...base, thumbnails: [{ bytes: portrait, mediaType: 'image/png', label: 'Mira, front' }] })
    const jpeg = renderCard({
      ...base,
      thumbnails: [{ bytes: Uint8Array.of(0xff, 0xd8, 0xff, 0xe0), mediaType: 'image/jpeg', label: 'Harbour' }],
    })
    expect(Buffer.from(png).equals(Buffer.from(plain))).toBe(false)
    expect(Buffer.from(jpeg).equals(Buffer.from(plain))).toBe(false)
    expect(Buffer.from(jpeg).equals(Buffer.from(png))).toBe(false)
  })

  it('changes colour with the seed', () => {
    const a = decodePng(renderCard({ ...base, seed: 1 }))
    const b = decodePng(renderCard({ ...base, seed: 2 }))
    const corner = (img: { rgba: Uint8Array }) => [...img.rgba.subarray(640 * 4 * 719 + 640 * 4, 640 * 4 * 719 + 640 * 4 + 3)]
    expect(corner(a)).not.toEqual(corner(b))
  })

  it('survives tiny sizes, many references and a long text', () => {
    const many = Array.from({ length: 9 }, (_, i) => ({ bytes: portrait, mediaType: 'image/png', label: `ref ${i}` }))
    const decoded = decodePng(renderCard({ ...base, width: 64, height: 36, body: 'word '.repeat(500), thumbnails: many }))
    expect([decoded.width, decoded.height]).toEqual([64, 36])
  })
})

describe('cardTextFromPrompt', () => {
  it('uses a short first line as the heading', () => {
    expect(cardTextFromPrompt('Shot 1.2\nMira on the pier.')).toEqual({ heading: 'Shot 1.2', body: 'Mira on the pier.' })
  })

  it('falls back to the first sentence, then to the first words', () => {
    expect(cardTextFromPrompt('Mira on the pier. She looks at the sea for a very long time, thinking.').heading).toBe('Mira on the pier')
    const long = cardTextFromPrompt('A very long prompt without any sentence end that goes on and on about the sea and the sky')
    expect(long.heading.endsWith('...')).toBe(true)
    expect(long.heading.length).toBeLessThanOrEqual(48)
    expect(long.body).toContain('the sea and the sky')
  })

  it('derives a seed from seed, take and prompt', () => {
    expect(cardSeed(1, 0, 'a')).toBe(cardSeed(1, 0, 'a'))
    expect(cardSeed(1, 1, 'a')).not.toBe(cardSeed(1, 0, 'a'))
    expect(cardSeed(undefined, undefined, 'a')).not.toBe(cardSeed(undefined, undefined, 'b'))
  })
})
