import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { measureSpan } from '../../../src/audio/measure-loudness.js'
import { OFFLINE_VOICES } from '../../../src/audio/offline-voices.js'
import { pickVoice } from '../../../src/audio/pick-voice.js'
import { probeMedia } from '../../../src/media/probe.js'
import { createOfflineSpeech } from '../../../src/providers/offline/speech.js'
import type { Media, SpeechResult } from '../../../src/providers/types.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const speech = createOfflineSpeech()

function bytesOf(media: Media): Uint8Array {
  if (media.kind !== 'bytes') throw new Error('the offline voice returns bytes')
  return media.bytes
}

/** Writes the line and checks it is a WAV ffprobe reads, with sound above -40 dB on average. */
async function expectAudible(result: SpeechResult, name: string): Promise<string> {
  expect(result.audio.mediaType).toBe('audio/wav')
  const file = path.join(dir, `${name}.wav`)
  writeFileSync(file, bytesOf(result.audio))
  const probe = await probeMedia(file)
  expect(probe.audio?.codec).toBe('pcm_s16le')
  expect(probe.durationSeconds).toBeGreaterThan(0.3)
  expect(Math.abs(probe.durationSeconds - (result.durationS ?? 0))).toBeLessThan(0.01)
  expect((await measureSpan(file, { startS: 0, endS: probe.durationSeconds })).meanDb).toBeGreaterThan(-40)
  return file
}

describe('the offline voice', () => {
  it('speaks two lines in two voices: audible WAVs that differ, and the same bytes on a second run', async () => {
    const mira = pickVoice('Mira, a young woman who keeps the lighthouse', OFFLINE_VOICES)
    const tomas = pickVoice('Tomas, an old fisherman', OFFLINE_VOICES, [mira.id])
    expect(mira.id).not.toBe(tomas.id)
    const line1 = { text: 'The lamp has not failed in forty years.', voice: mira.id, language: 'en' }
    const line2 = { text: 'Then tonight will be the first.', voice: tomas.id, language: 'en' }
    const [a, b] = await Promise.all([speech.generate(line1), speech.generate(line2)])
    await expectAudible(a, 'mira')
    await expectAudible(b, 'tomas')
    expect(Buffer.from(bytesOf(a.audio)).equals(Buffer.from(bytesOf(b.audio)))).toBe(false)
    const again = await speech.generate(line1)
    expect(Buffer.from(bytesOf(again.audio)).equals(Buffer.from(bytesOf(a.audio)))).toBe(true)
  })

  it('gives the same text a different sound in another voice', async () => {
    const text = 'Who goes there?'
    const [x, y] = await Promise.all([speech.generate({ text, voice: 'arthur', language: 'en' }), speech.generate({ text, voice: 'mia', language: 'en' })])
    expect(Buffer.from(bytesOf(x.audio)).equals(Buffer.from(bytesOf(y.audio)))).toBe(false)
  })

  it('speaks French with accents, Russian and Japanese kana without a crash, and text that looks like a flag', async () => {
    const cases = [
      { text: 'Élodie, où est passé le gardien ? Ça ne va pas !', language: 'fr', name: 'fr' },
      { text: 'Где смотритель маяка?', language: 'ru', name: 'ru' },
      { text: 'こんにちは、とうだいもりです。', language: 'ja', name: 'ja' },
      { text: '--help -v de: not a flag', language: 'en', name: 'flag' },
    ]
    const results = await Promise.all(cases.map((line) => speech.generate({ text: line.text, voice: 'greta', language: line.language })))
    for (const [i, result] of results.entries()) {
      await expectAudible(result, cases[i]!.name)
      expect(result.warnings).toEqual([])
    }
    // The French line must be read as French: the same words through the English voice sound different.
    const english = await speech.generate({ text: cases[0]!.text, voice: 'greta', language: 'en' })
    expect(Buffer.from(bytesOf(english.audio)).equals(Buffer.from(bytesOf(results[0]!.audio)))).toBe(false)
  })

  it('falls back to English with a warning for a language eSpeak lacks, and refuses an unknown voice', async () => {
    const result = await speech.generate({ text: 'Hello.', voice: 'bruno', language: 'tlh' })
    expect(result.warnings?.[0]).toContain('"tlh"')
    await expect(speech.generate({ text: 'Hello.', voice: 'nobody', language: 'en' })).rejects.toMatchObject({ code: 'E_VOICE_UNKNOWN' })
    // Voices match on id or name, in any case, as every vendor's do.
    const named = await speech.generate({ text: 'Hello.', voice: 'BRUNO', language: 'en' })
    expect(named.audio.mediaType).toBe('audio/wav')
  })

  it('lists twelve voices with distinct ids', async () => {
    const voices = await speech.voices!()
    expect(voices).toHaveLength(12)
    expect(new Set(voices.map((v) => v.id)).size).toBe(12)
  })
})
