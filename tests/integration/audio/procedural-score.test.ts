import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { measureLoudness, measureSpan } from '../../../src/audio/measure-loudness.js'
import { renderScore } from '../../../src/audio/procedural-score.js'
import { probeMedia } from '../../../src/media/probe.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('renderScore', () => {
  it('renders a bed of the requested length that is audible, under 0 dBTP and byte-identical for the same seed', async () => {
    const first = path.join(dir, 'calm-1.wav')
    const again = path.join(dir, 'calm-1-again.wav')
    await renderScore({ seconds: 12.345, seed: 1, mood: 'calm', out: first })
    await renderScore({ seconds: 12.345, seed: 1, mood: 'calm', out: again })
    const probe = await probeMedia(first)
    expect(Math.abs(probe.durationSeconds - 12.345)).toBeLessThanOrEqual(0.05)
    expect(probe.audio).toMatchObject({ codec: 'pcm_s16le', sampleRate: 48000, channels: 2 })
    expect(readFileSync(again).equals(readFileSync(first))).toBe(true)
    const loudness = await measureLoudness(first)
    expect(loudness.truePeakDb).toBeLessThan(0)
    expect(loudness.integratedLufs).toBeGreaterThan(-40)
    expect((await measureSpan(first, { startS: 4, endS: 8 })).meanDb).toBeGreaterThan(-40)
  })

  it('gives a different bed for another seed and for another mood', async () => {
    const base = path.join(dir, 'tense-1.wav')
    const otherSeed = path.join(dir, 'tense-2.wav')
    const otherMood = path.join(dir, 'joyful-1.wav')
    await renderScore({ seconds: 6, seed: 1, mood: 'tense', out: base })
    await renderScore({ seconds: 6, seed: 2, mood: 'tense', out: otherSeed })
    await renderScore({ seconds: 6, seed: 1, mood: 'a joyful afternoon', out: otherMood })
    expect(readFileSync(otherSeed).equals(readFileSync(base))).toBe(false)
    expect(readFileSync(otherMood).equals(readFileSync(base))).toBe(false)
    expect((await measureLoudness(otherMood)).truePeakDb).toBeLessThan(0)
  })

  it('refuses a zero-length bed with E_AUDIO_INPUT', async () => {
    await expect(renderScore({ seconds: 0, seed: 1, mood: 'calm', out: path.join(dir, 'none.wav') })).rejects.toMatchObject({ code: 'E_AUDIO_INPUT' })
  })
})
