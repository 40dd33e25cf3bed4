import { describe, expect, it } from 'vitest'
import { wordsFromCharacters } from '../../../src/providers/elevenlabs/alignment.js'
import { parseVoices } from '../../../src/providers/elevenlabs/speech-response.js'

const timed = (text: string) => {
  const characters = [...text]
  return { characters, starts: characters.map((_, i) => i / 10), ends: characters.map((_, i) => (i + 1) / 10) }
}

describe('wordsFromCharacters', () => {
  it('makes one span per word, from its first character to its last, punctuation included', () => {
    expect(wordsFromCharacters(timed('Hi, Mira!  Up.'))).toEqual([
      { text: 'Hi,', startS: 0, endS: 0.3 },
      { text: 'Mira!', startS: 0.4, endS: 0.9 },
      { text: 'Up.', startS: 1.1, endS: 1.4 },
    ])
  })

  it('times each kana or ideograph alone and keeps Japanese punctuation with the one before', () => {
    expect(wordsFromCharacters(timed('誰か。')).map((w) => w.text)).toEqual(['誰', 'か。'])
  })

  it('keeps Arabic words whole', () => {
    expect(wordsFromCharacters(timed('هل يوجد؟')).map((w) => w.text)).toEqual(['هل', 'يوجد؟'])
  })
})

describe('parseVoices', () => {
  it('reads id, name, gender and a description from labels', () => {
    const voices = parseVoices({ voices: [{ voice_id: 'abc', name: 'Ann', labels: { gender: 'female', accent: 'irish' } }, { name: 'no id' }] })
    expect(voices).toEqual([{ id: 'abc', name: 'Ann', gender: 'female', description: 'irish' }])
  })
})
