import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { measureLoudness, measureSpan } from '../../../src/audio/measure-loudness.js'
import { mixSoundtrack } from '../../../src/audio/mix-soundtrack.js'
import { renderScore } from '../../../src/audio/procedural-score.js'
import { runFfmpeg } from '../../../src/media/run-ffmpeg.js'
import { probeMedia } from '../../../src/media/probe.js'
import { createOfflineSpeech } from '../../../src/providers/offline/speech.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const music = path.join(dir, 'score.wav')
const ambience = path.join(dir, 'surf.wav')
const lines: { file: string; startS: number; endS: number }[] = []
beforeAll(async () => {
  await renderScore({ seconds: 20, seed: 7, mood: 'mysterious', out: music })
  await runFfmpeg(['-f', 'lavfi', '-i', 'anoisesrc=c=pink:a=0.05:d=20:r=48000:s=3', '-ac', '2', ambience], { task: 'making surf' })
  const speech = createOfflineSpeech()
  const texts = ['The lamp has not failed in forty years.', 'Then tonight will be the first.', 'Hold the light steady.']
  const voices = ['greta', 'edgar', 'greta']
  const starts = [3, 8, 13]
  for (const [i, text] of texts.entries()) {
    const result = await speech.generate({ text, voice: voices[i]!, language: 'en' })
    if (result.audio.kind !== 'bytes') throw new Error('bytes expected')
    const file = path.join(dir, `line-${i}.wav`)
    writeFileSync(file, result.audio.bytes)
    lines.push({ file, startS: starts[i]!, endS: starts[i]! + (result.durationS ?? 0) })
  }
})

describe('mixSoundtrack', () => {
  it('meets -14 LUFS and -1 dBTP, writes the stems, and ducks the music under each line by at least 6 dB', async () => {
    const out = path.join(dir, 'mix.wav')
    const stemsDir = path.join(dir, 'stems')
    const result = await mixSoundtrack({ lines, music, ambience, durationS: 20, loudness: { integrated: -14, truePeak: -1 }, out, stemsDir })
    expect(Math.abs(result.integratedLufs - -14)).toBeLessThanOrEqual(1)
    expect(result.truePeakDb).toBeLessThanOrEqual(-0.9)
    const again = await measureLoudness(out)
    expect(again.integratedLufs).toBeCloseTo(result.integratedLufs, 1)
    for (const stem of ['dialogue', 'music', 'ambience']) expect(existsSync(path.join(stemsDir, `${stem}.wav`))).toBe(true)
    expect(result.stems.music).toBe(path.join(stemsDir, 'music.wav'))
    expect(Math.abs((await probeMedia(out)).durationSeconds - 20)).toBeLessThan(0.05)
    expect(Math.abs((await probeMedia(result.stems.music!)).durationSeconds - 20)).toBeLessThan(0.05)
    // Music during a line (past the attack, before the end) against music in the gap after it, once released.
    for (const line of lines) {
      const under = await measureSpan(result.stems.music!, { startS: line.startS + 0.3, endS: line.endS - 0.3 })
      const between = await measureSpan(result.stems.music!, { startS: line.endS + 0.8, endS: line.endS + 1.8 })
      expect(between.meanDb - under.meanDb).toBeGreaterThanOrEqual(6)
    }
    // Dialogue is heard in the final mix during each line.
    for (const line of lines) expect((await measureSpan(out, { startS: line.startS, endS: line.endS })).meanDb).toBeGreaterThan(-30)
  })

  it('honours another loudness target (-23 LUFS, -2 dBTP) with dialogue alone', async () => {
    const out = path.join(dir, 'broadcast.wav')
    const result = await mixSoundtrack({ lines, durationS: 18, loudness: { integrated: -23, truePeak: -2 }, out, stemsDir: path.join(dir, 'stems-23') })
    expect(Math.abs(result.integratedLufs - -23)).toBeLessThanOrEqual(1)
    expect(result.truePeakDb).toBeLessThanOrEqual(-1.9)
    expect(result.stems.music).toBeUndefined()
    expect(existsSync(path.join(dir, 'stems-23', 'music.wav'))).toBe(false)
  })

  it('places 300 lines with short ffmpeg command lines and reports a line cut at the end', async () => {
    const blip = path.join(dir, 'blip.wav')
    await runFfmpeg(['-f', 'lavfi', '-i', 'sine=f=660:d=0.15:r=22050', blip], { task: 'making a blip' })
    const many = Array.from({ length: 300 }, (_, i) => ({ file: blip, startS: i * 0.2 }))
    const result = await mixSoundtrack({ lines: many, music, durationS: 59.9, out: path.join(dir, 'many.wav'), stemsDir: path.join(dir, 'stems-many') })
    expect(Math.abs(result.integratedLufs - -14)).toBeLessThanOrEqual(1)
    expect(result.truePeakDb).toBeLessThanOrEqual(-0.9)
    expect(result.cutLines).toEqual([299])
  })

  it('refuses a line that starts before zero with E_AUDIO_INPUT', async () => {
    await expect(
      mixSoundtrack({ lines: [{ file: lines[0]!.file, startS: -1 }], durationS: 5, out: path.join(dir, 'bad.wav'), stemsDir: path.join(dir, 'stems-bad') }),
    ).rejects.toMatchObject({ code: 'E_AUDIO_INPUT' })
  })
})
