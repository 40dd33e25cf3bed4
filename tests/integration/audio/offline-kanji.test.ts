import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { measureSpan } from '../../../src/audio/measure-loudness.js'
import { createOfflineSpeech } from '../../../src/providers/offline/speech.js'
import type { SpeechResult } from '../../../src/providers/types.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const bytesOf = (result: SpeechResult) => {
  if (result.audio.kind !== 'bytes') throw new Error('the offline voice returns bytes')
  return Buffer.from(result.audio.bytes)
}

describe('the offline voice and kanji', () => {
  it('warns once, naming the line and its character, and still speaks the kana around the kanji', async () => {
    const speech = createOfflineSpeech()
    const first = await speech.generate({ text: 'こんにちは、灯台守です。', voice: 'kay', language: 'ja' }, { subject: 'shot 1.1 line 1 (Aiko)' })
    expect(first.warnings).toEqual([expect.stringMatching(/^shot 1\.1 line 1 \(Aiko\): the offline voice \(eSpeak NG\) cannot read kanji \(灯台守\); it speaks only the kana.*Write Japanese lines in kana/)])
    // The kana are what is heard: the same bytes as the line with the kanji left out.
    const kanaOnly = await speech.generate({ text: 'こんにちは、、です。', voice: 'kay', language: 'ja' })
    expect(bytesOf(first).equals(bytesOf(kanaOnly))).toBe(true)
    const file = path.join(dir, 'aiko.wav')
    writeFileSync(file, bytesOf(first))
    expect((await measureSpan(file, { startS: 0, endS: first.durationS! })).meanDb).toBeGreaterThan(-40)
    // Once per run: the next line with kanji says nothing more.
    const second = await speech.generate({ text: '嵐の夜です。', voice: 'kay', language: 'ja' }, { subject: 'shot 1.2 line 1 (Aiko)' })
    expect(second.warnings).toEqual([])
  })

  it('leaves Chinese alone: its voice reads the characters', async () => {
    const result = await createOfflineSpeech().generate({ text: '灯塔守护人在这里。', voice: 'kay', language: 'zh' }, { subject: 'shot 1.1 line 1 (Lin)' })
    expect(result.warnings).toEqual([])
  })
})
