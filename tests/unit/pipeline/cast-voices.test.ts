import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/errors.js'
import type { Character } from '../../../src/film.js'
import { castVoices, voiceBook } from '../../../src/pipeline/cast-voices.js'
import { createOfflineSpeech } from '../../../src/providers/offline/speech.js'
import { loadSpec } from '../../../src/spec/load-spec.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

async function spec(yaml: string) {
  const file = path.join(dir, `spec-${Math.random().toString(36).slice(2)}.yaml`)
  fs.writeFileSync(file, yaml)
  return loadSpec(file)
}

const cast: Character[] = [
  { id: 'elsie', name: 'Elsie Marrow', appearance: 'a wiry woman in her seventies, grey eyes', outfit: '' },
  { id: 'tomas', name: 'Tomas', appearance: 'a broad-shouldered man of thirty', outfit: '' },
  { id: 'mia', name: 'Mia', appearance: 'a little girl of eight', outfit: '' },
]

describe('castVoices', () => {
  it('gives every character a fitting, distinct voice, the same on every run', async () => {
    const s = await spec('idea: x\n')
    const first = await castVoices(s, createOfflineSpeech(), cast)
    const again = await castVoices(s, createOfflineSpeech(), cast)
    expect(first.map((c) => c.voice)).toEqual(again.map((c) => c.voice))
    expect(first.map((c) => c.voice)).toEqual(['kay', 'arthur', 'mia'])
    expect(new Set(first.map((c) => c.voice)).size).toBe(3)
  })

  it('keeps a pinned voice (spec or storyboard.json) and casts around it', async () => {
    const s = await spec('idea: x\ncharacters:\n  - { name: Tomas, voice: Edgar }\n')
    const voiced = await castVoices(s, createOfflineSpeech(), [...cast, { id: 'old', name: 'Old Man', appearance: 'an old man', outfit: '', voice: 'arthur' }])
    expect(voiced.map((c) => c.voice)).toEqual(['kay', 'edgar', 'mia', 'arthur'])
  })

  it('refuses an unknown voice naming the character and listing the voices (exit 2)', async () => {
    const s = await spec('idea: x\ncharacters:\n  - { name: Tomas, voice: gandalf }\n')
    const error = await castVoices(s, createOfflineSpeech(), cast).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error).toMatchObject({ code: 'E_VOICE_UNKNOWN' })
    expect((error as Error).message).toContain('character Tomas')
    expect((error as { hint: string }).hint).toContain('arthur')
  })

  it('leaves a silent film without voices', async () => {
    const voiced = await castVoices(await spec('idea: x\naudio: false\n'), createOfflineSpeech(), cast)
    expect(voiced.every((c) => c.voice === undefined)).toBe(true)
  })
})

describe('voiceBook', () => {
  it('maps speakers by name or first name, a narrator, and strangers by name', async () => {
    const s = await spec('idea: x\n')
    const voiced = await castVoices(s, createOfflineSpeech(), cast)
    const book = await voiceBook(s, createOfflineSpeech(), voiced)
    expect(book.voiceFor({ speaker: 'ELSIE', line: 'hi' })).toBe('kay')
    expect(book.voiceFor({ speaker: 'Narrator', line: 'hi' })).toBe('felix')
    const stranger = book.voiceFor({ speaker: 'Fisherman', line: 'hi' })
    expect(stranger).toBe(book.voiceFor({ speaker: 'fisherman', line: 'again' }))
    const silent = await voiceBook(await spec('idea: x\nnarrator: false\n'), createOfflineSpeech(), voiced)
    expect(silent.voiceFor({ speaker: 'Narrator', line: 'hi' })).toBeUndefined()
  })
})
