import { describe, expect, it } from 'vitest'
import { splitScript } from '../../../src/providers/speech/split-script.js'
import { splitSpeechText } from '../../../src/providers/speech/split-text.js'

const squash = (text: string) => text.replace(/\s+/g, '')

describe('splitSpeechText', () => {
  it('returns a text within the limit whole, trimmed', () => {
    expect(splitSpeechText('  Hello there.  ', 4096)).toEqual(['Hello there.'])
    expect(splitSpeechText('   ', 10)).toEqual([])
  })

  it('cuts at sentence ends and packs whole sentences up to the limit', () => {
    const parts = splitSpeechText('One two. Three four! Five six? Seven.', 20)
    expect(parts).toEqual(['One two. Three four!', 'Five six? Seven.'])
  })

  it('does not cut inside an abbreviation-like mark followed by a letter, or inside closing quotes', () => {
    const parts = splitSpeechText('"Go." She left the room. He stayed on the stair.', 30)
    expect(parts).toEqual(['"Go." She left the room.', 'He stayed on the stair.'])
  })

  it('cuts Japanese after 。 with no space and joins sentences without one', () => {
    const parts = splitSpeechText('灯台の光が消えた。誰もいない。ミラは階段を上った。', 16)
    expect(parts).toEqual(['灯台の光が消えた。誰もいない。', 'ミラは階段を上った。'])
  })

  it('cuts Arabic at its question mark', () => {
    expect(splitSpeechText('هل يوجد أحد هنا؟ لا أحد يجيب.', 18)).toEqual(['هل يوجد أحد هنا؟', 'لا أحد يجيب.'])
  })

  it('falls back to clauses, then spaces, then a hard cut, never dropping a character', () => {
    const text = 'one two three, four five six; seven eight nine ten eleven twelve thirteen'
    const parts = splitSpeechText(text, 12)
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(12)
    expect(squash(parts.join(''))).toBe(squash(text))
    const hard = splitSpeechText('x'.repeat(25), 10)
    expect(hard).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)])
  })

  it('never splits a surrogate pair', () => {
    const parts = splitSpeechText('😀'.repeat(8), 5)
    for (const part of parts) expect(part).not.toMatch(/[\ud800-\udbff]$|^[\udc00-\udfff]/)
    expect(parts.join('')).toBe('😀'.repeat(8))
  })

  it('keeps every character of a long mixed text in order (no truncation)', () => {
    const text = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? `文${i}。` : i % 3 === 1 ? `Line ${i}, said Mira.` : `هل ${i}؟`)).join(' ')
    const parts = splitSpeechText(text, 100)
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(100)
    expect(squash(parts.join(''))).toBe(squash(text))
  })
})

describe('splitScript', () => {
  it('splits only between lines and keeps each speaker name on a line too long alone', () => {
    const script = ['Mira: Hello? Is anyone up there?', 'Tom: Up here. Mind the stairs, they are old and the rail is loose.', 'Mira: Coming.'].join('\n')
    const parts = splitScript(script, 40)
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(40)
      for (const row of part.split('\n')) expect(row).toMatch(/^(Mira|Tom): /)
    }
    expect(squash(parts.join('').replace(/(Mira|Tom):/g, ''))).toBe(squash(script.replace(/(Mira|Tom):/g, '')))
  })
})
