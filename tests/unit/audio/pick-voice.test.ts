import { describe, expect, it } from 'vitest'
import { OFFLINE_VOICES } from '../../../src/audio/offline-voices.js'
import { pickVoice } from '../../../src/audio/pick-voice.js'
import type { VoiceInfo } from '../../../src/providers/types.js'

const byId = (id: string) => OFFLINE_VOICES.find((v) => v.id === id)!

describe('pickVoice', () => {
  it('matches gender and age words in a character description', () => {
    expect(pickVoice('Mira, a young woman who keeps the lighthouse', OFFLINE_VOICES).gender).toBe('female')
    expect(pickVoice('Mira, a young woman who keeps the lighthouse', OFFLINE_VOICES).id).toBe('hana')
    expect(pickVoice('an old fisherman; he mends nets', OFFLINE_VOICES).id).toBe('edgar')
    expect(pickVoice('a little girl with a red kite', OFFLINE_VOICES).id).toBe('mia')
    expect(pickVoice('the elderly grandmother', OFFLINE_VOICES).id).toBe('kay')
    expect(pickVoice('a boy of nine', OFFLINE_VOICES).id).toBe('tom')
  })

  it('gives each character of a cast its own voice, the same one on every run', () => {
    const cast = ['Mira, a woman of thirty', 'Ada, her sister', 'Jon, a man', 'Pol, his brother', 'the harbour master, a man']
    const castAll = () => {
      const taken: string[] = []
      for (const description of cast) taken.push(pickVoice(description, OFFLINE_VOICES, taken).id)
      return taken
    }
    const first = castAll()
    expect(new Set(first).size).toBe(cast.length)
    expect(castAll()).toEqual(first)
    expect(first.slice(0, 2).map((id) => byId(id).gender)).toEqual(['female', 'female'])
    expect(first.slice(2).map((id) => byId(id).gender)).toEqual(['male', 'male', 'male'])
  })

  it('shares the best voice rather than crossing gender once every voice of that gender is taken', () => {
    const men = OFFLINE_VOICES.filter((v) => v.gender === 'male').map((v) => v.id)
    const picked = pickVoice('a tall man', OFFLINE_VOICES, men)
    expect(picked.gender).toBe('male')
    // With no gender in the description, any free voice will do.
    expect(men).not.toContain(pickVoice('the narrator', OFFLINE_VOICES, men).id)
  })

  it('works on a vendor voice list that only has descriptions', () => {
    const vendor: VoiceInfo[] = [
      { id: 'v1', name: 'Rachel', description: 'calm young female' },
      { id: 'v2', name: 'Clyde', description: 'war veteran, middle aged male, gruff' },
      { id: 'v3', name: 'Dorothy', description: 'pleasant young female, British' },
    ]
    expect(pickVoice('an old soldier, a veteran of the war', vendor).id).toBe('v2')
    expect(pickVoice('a young woman', vendor, ['v1']).id).toBe('v3')
  })

  it('refuses an empty voice list', () => {
    expect(() => pickVoice('anyone', [])).toThrow(RangeError)
  })
})
