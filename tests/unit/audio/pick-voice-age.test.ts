import { describe, expect, it } from 'vitest'
import { OFFLINE_VOICES } from '../../../src/audio/offline-voices.js'
import { pickVoice } from '../../../src/audio/pick-voice.js'
import { openaiVoices } from '../../../src/providers/openai/speech-voices.js'

const offline = (description: string) => pickVoice(description, OFFLINE_VOICES).id

describe('pickVoice hears age in a description', () => {
  it('gives grey or white hair, "elderly", "old" and a great age an old voice', () => {
    expect(offline('Elsie Marrow. a wiry woman in her seventies, weathered face, sharp grey eyes, long white hair in a single braid')).toBe('kay')
    expect(offline('a white-haired woman at the window')).toBe('kay')
    expect(offline('a woman with long silver hair')).toBe('kay')
    expect(offline('a grey-bearded fisherman')).toBe('edgar')
    expect(offline('an elderly man')).toBe('edgar')
    expect(offline('an old man')).toBe('edgar')
    expect(offline('a man of seventy-five, stooped')).toBe('edgar')
    expect(offline('a 75-year-old lighthouse keeper, he')).toBe('edgar')
  })

  it('does not take a grey coat or grey eyes for age', () => {
    expect(offline('a woman in a grey coat with grey eyes')).toBe('greta')
    expect(offline('a man of thirty, dark curly hair, a grey hooded jacket')).toBe('arthur')
  })

  it('gives "boy", "girl", "child" a young voice, and a teenager a young, not a child\'s, voice', () => {
    expect(offline('a boy with a kite')).toBe('tom')
    expect(offline('a little girl')).toBe('mia')
    expect(offline('a child, she hides in the boat')).toBe('mia')
    expect(offline('a girl of sixteen, freckled')).toBe('hana')
    expect(offline('a sixteen-year-old boy')).toBe('cyril')
  })

  it('does the same with a vendor list, as far as its voices go', () => {
    const voices = openaiVoices('gpt-4o-mini-tts')
    expect(pickVoice('a white-haired old man', voices).id).toBe('onyx')
    expect(pickVoice('a girl of nine', voices).id).toBe('nova')
    expect(pickVoice('a boy of ten', voices).id).toBe('ash')
  })

  it('is deterministic: the same description and list give the same voice every time', () => {
    const description = 'a wiry woman in her seventies, long white hair'
    const picks = new Set(Array.from({ length: 5 }, () => offline(description)))
    expect(picks).toEqual(new Set(['kay']))
  })
})
