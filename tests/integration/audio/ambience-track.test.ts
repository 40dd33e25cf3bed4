import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildAmbienceTrack } from '../../../src/audio/ambience-track.js'
import { measureSpan } from '../../../src/audio/measure-loudness.js'
import { readWavInfo } from '../../../src/audio/wav.js'
import { makeTestVideo } from '../media/fixtures.js'
import { tempDir } from '../../support/run-cli.js'

const dir = tempDir()
const toned = path.join(dir, 'toned.mp4')
const long = path.join(dir, 'long.mp4')
const mute = path.join(dir, 'mute.mp4')

beforeAll(async () => {
  await makeTestVideo(toned, { width: 32, height: 18, fps: 12, seconds: 1, audio: true })
  await makeTestVideo(long, { width: 32, height: 18, fps: 12, seconds: 3, audio: true })
  await makeTestVideo(mute, { width: 32, height: 18, fps: 12, seconds: 1 })
}, 60_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const samplesOf = (file: string) => {
  const wav = readWavInfo(readFileSync(file))!
  return { rate: wav.sampleRate, channels: wav.channels, frames: wav.dataBytes / ((wav.channels * wav.bitsPerSample) / 8) }
}

describe('buildAmbienceTrack: each clip’s sound at its shot’s place on the film timeline', () => {
  it('pads a short clip’s sound, cuts a long one at its shot’s end, and leaves silence for a clip without sound', async () => {
    const out = path.join(dir, 'ambience.wav')
    const track = await buildAmbienceTrack({
      clips: [
        { path: toned, seconds: 2 }, // tone 0–1 s, then silence to 2 s
        { path: mute, seconds: 1.5 }, // silence 2–3.5 s
        { path: long, seconds: 1 }, // tone 3.5–4.5 s, the clip's last 2 s dropped
      ],
      out,
      workDir: path.join(dir, 'work-1'),
    })
    expect(track).toEqual({ file: out, shotsWithSound: 2 })
    expect(samplesOf(out)).toEqual({ rate: 48_000, channels: 2, frames: 4.5 * 48_000 })
    const loud = async (startS: number, endS: number) => (await measureSpan(out, { startS, endS })).meanDb
    expect(await loud(0.1, 0.9)).toBeGreaterThan(-30)
    expect(await loud(1.1, 1.9)).toBeLessThan(-80)
    expect(await loud(2.1, 3.4)).toBeLessThan(-80)
    expect(await loud(3.6, 4.4)).toBeGreaterThan(-30)
  }, 60_000)

  it('keeps many shots sample-exact: thirty shots of a third of a second make exactly ten seconds', async () => {
    const out = path.join(dir, 'many.wav')
    const clips = Array.from({ length: 30 }, (_, i) => ({ path: i % 2 === 0 ? toned : mute, seconds: 1 / 3 }))
    const track = await buildAmbienceTrack({ clips, out, workDir: path.join(dir, 'work-2') })
    expect(track.shotsWithSound).toBe(15)
    expect(samplesOf(out).frames).toBe(10 * 48_000)
  }, 120_000)
})
