import { describe, expect, it } from 'vitest'
import { glyphColumns, transliterate } from '../../../src/media/bitmap-font.js'
import { clampLines, drawText, measureText, wrapText } from '../../../src/media/draw-text.js'
import { createCanvas } from '../../../src/media/raster.js'

describe('bitmap font', () => {
  it('folds accents and typographic punctuation into ASCII', () => {
    expect(transliterate('Zoë’s café — “naïve” Straße…')).toBe(`Zoe's cafe - "naive" Strasse...`)
  })

  it('draws characters outside ASCII as "?"', () => {
    expect(glyphColumns('€'.codePointAt(0)!)).toEqual(glyphColumns('?'.charCodeAt(0)))
    expect(glyphColumns(' '.charCodeAt(0)).every((c) => c === 0)).toBe(true)
    expect(glyphColumns('A'.charCodeAt(0)).some((c) => c !== 0)).toBe(true)
  })
})

describe('text layout', () => {
  it('measures glyphs at an integer scale', () => {
    expect(measureText('', 3)).toBe(0)
    expect(measureText('A', 2)).toBe(10)
    expect(measureText('AB', 2)).toBe(22)
    expect(measureText('é', 1)).toBe(5)
  })

  it('wraps on words and splits words longer than a line', () => {
    const lines = wrapText('the quick brown fox jumps over the lazy dog', measureText('the quick', 1), 1)
    expect(lines).toEqual(['the quick', 'brown fox', 'jumps', 'over the', 'lazy dog'])
    expect(wrapText('abcdefghij', measureText('abcd', 1), 1)).toEqual(['abcd', 'efgh', 'ij'])
    for (const line of wrapText('x'.repeat(30) + ' y z', 50, 2)) expect(measureText(line, 2)).toBeLessThanOrEqual(50)
  })

  it('marks dropped lines with an ellipsis that fits', () => {
    const clamped = clampLines(['one two', 'three four', 'five'], 2, measureText('three four', 1), 1)
    expect(clamped).toHaveLength(2)
    expect(clamped[1]!.endsWith('...')).toBe(true)
    expect(measureText(clamped[1]!, 1)).toBeLessThanOrEqual(measureText('three four', 1))
  })

  it('draws inside the canvas only', () => {
    const canvas = createCanvas(20, 10, [0, 0, 0])
    drawText(canvas, 'WWWWWWWW', -3, 4, 2, [255, 255, 255])
    expect(canvas.rgb.some((v) => v === 255)).toBe(true)
    expect(canvas.rgb.length).toBe(20 * 10 * 3)
  })
})
