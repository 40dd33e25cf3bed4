import { describe, expect, it } from 'vitest'
import { castCharacters, mergeCast, slugify } from '../../../src/agents/casting.js'
import { createOfflineChatModel } from '../../../src/providers/offline/chat.js'

const script = `INT. KITCHEN - NIGHT

Mira Okafor stirs a pot. Old Tom leans in the doorway.

MIRA OKAFOR: You're late.
OLD TOM: I brought bread.
`

describe('slugify', () => {
  it('makes path-safe ids from names', () => {
    expect(slugify('Mira Okafor')).toBe('mira-okafor')
    expect(slugify('Zoë  Saldaña')).toBe('zoe-saldana')
    expect(slugify('../../etc/passwd')).toBe('etc-passwd')
    expect(slugify('Dr. Who / The Doctor')).toBe('dr-who-the-doctor')
    expect(slugify('...')).toBe('character')
    expect(slugify('李明')).toBe('李明')
    for (const name of ['a/b', '..', 'C:\\x', ' x ']) {
      const id = slugify(name)
      expect(id).not.toMatch(/[/\\]|\.\./)
      expect(id).not.toBe('')
    }
  })
})

describe('castCharacters with the offline model', () => {
  it('finds the speakers and gives each a stable look', async () => {
    const chat = createOfflineChatModel('writer', {})
    const cast = await castCharacters(chat, { text: script, pinned: [], seed: 1 })
    expect(cast.map((c) => c.id)).toEqual(['mira-okafor', 'old-tom'])
    expect(cast.map((c) => c.name)).toEqual(['Mira Okafor', 'Old Tom'])
    for (const character of cast) {
      expect(character.appearance).toMatch(/hair/)
      expect(character.outfit.length).toBeGreaterThan(10)
    }
    expect(await castCharacters(chat, { text: script, pinned: [], seed: 1 })).toEqual(cast)
  })

  it('lets pinned characters override appearance and outfit, and adds missing ones', async () => {
    const chat = createOfflineChatModel('writer', {})
    const cast = await castCharacters(
      chat,
      {
        text: script,
        pinned: [
          { name: 'mira okafor', outfit: 'a red raincoat' },
          { name: 'Ghost', appearance: 'a pale translucent child', outfit: 'a white nightgown' },
        ],
        seed: 1,
      },
      { subject: 'cast' },
    )
    const mira = cast.find((c) => c.id === 'mira-okafor')
    expect(mira?.outfit).toBe('a red raincoat')
    expect(mira?.appearance).toMatch(/hair/)
    expect(cast.find((c) => c.id === 'ghost')).toEqual({
      id: 'ghost',
      name: 'Ghost',
      appearance: 'a pale translucent child',
      outfit: 'a white nightgown',
    })
  })
})

describe('mergeCast', () => {
  it('overrides by name case-insensitively, dedupes and keeps ids unique', () => {
    const cast = mergeCast(
      [
        { name: 'Mira', appearance: 'tall', outfit: 'coat' },
        { name: 'MIRA', appearance: 'short', outfit: 'dress' },
        { name: 'Mira!', appearance: 'x', outfit: 'y' },
      ],
      [{ name: 'mira', appearance: 'freckles' }],
    )
    expect(cast).toEqual([
      { id: 'mira', name: 'mira', appearance: 'freckles', outfit: 'coat' },
      { id: 'mira-2', name: 'Mira!', appearance: 'x', outfit: 'y' },
    ])
  })
})
