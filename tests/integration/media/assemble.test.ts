import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderAnimatic } from '../../../src/media/animatic.js'
import { assembleFilm } from '../../../src/media/assemble-film.js'
import { renderCard } from '../../../src/media/card.js'
import { concatClips } from '../../../src/media/concat-clips.js'
import { probeMedia } from '../../../src/media/probe.js'
import { runFfmpeg, runFfprobe } from '../../../src/media/run-ffmpeg.js'
import { makeTestVideo } from './fixtures.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
const format = { width: 640, height: 360, fps: 24 }
const animatics = [path.join(dir, 'a1.mp4'), path.join(dir, 'a2.mp4')]
const foreign = path.join(dir, 'foreign.mp4')
afterAll(() => rmSync(dir, { recursive: true, force: true }))
beforeAll(async () => {
  const still = path.join(dir, 'still.png')
  writeFileSync(still, renderCard({ ...format, heading: 'Shot', body: 'A pier.', thumbnails: [], seed: 1 }))
  await renderAnimatic({ imagePath: still, outPath: animatics[0]!, seconds: 1.5, ...format, seed: 1 })
  await renderAnimatic({ imagePath: still, outPath: animatics[1]!, seconds: 1, ...format, seed: 0 })
  await makeTestVideo(foreign, { width: 320, height: 240, fps: 30, seconds: 2, audio: true })
})

describe('concatClips', () => {
  it('joins clips by stream copy: duration is the sum, bytes are the same every time', async () => {
    const a = path.join(dir, 'joined-1.mp4')
    const b = path.join(dir, 'joined-2.mp4')
    await concatClips({ inputs: animatics, output: a })
    await concatClips({ inputs: animatics, output: b })
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true)
    const probe = await probeMedia(a)
    expect(Math.abs(probe.durationSeconds - 2.5)).toBeLessThanOrEqual(0.5 / 24)
    expect(probe.video).toMatchObject({ codec: 'h264', width: 640, height: 360 })
    const counted = await runFfprobe(
      ['-count_frames', '-select_streams', 'v', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', a],
      { task: 'counting frames' },
    )
    expect(Number(counted.stdout.trim())).toBe(60)
  })
})

describe('assembleFilm', () => {
  it('re-encodes only what is not in film format, then joins', async () => {
    const result = await assembleFilm({
      clips: [
        { path: animatics[0]!, seconds: 1.5, cues: [] },
        { path: foreign, seconds: 1, cues: [], subject: 'shot 1.2' },
        { path: animatics[1]!, seconds: 1, cues: [{ start: 0.1, end: 0.9, text: 'Hi' }] },
      ],
      outPath: path.join(dir, 'film.mp4'),
      ...format,
      burnSubtitles: false,
      workDir: path.join(dir, 'work'),
    })
    expect(result).toMatchObject({ path: path.join(dir, 'film.mp4'), normalized: 1, reused: 2 })
    expect(Math.abs(result.durationSeconds - 3.5)).toBeLessThanOrEqual(0.5 / 24)
    const probe = await probeMedia(result.path)
    expect(probe.audio).toEqual({ codec: 'aac', sampleRate: 48000, channels: 2 })
    // Decodes end to end without a single warning: the joined H.264 streams really are compatible.
    const decoded = await runFfmpeg(['-i', result.path, '-f', 'null', '-'], { task: 'decoding the film' })
    expect(decoded.stderr).toBe('')
  })

  it('re-encodes clips with cues when burning subtitles, and a wrong length', async () => {
    const result = await assembleFilm({
      clips: [
        { path: animatics[0]!, seconds: 1, cues: [] },
        { path: animatics[1]!, seconds: 1, cues: [{ start: 0.1, end: 0.9, text: 'Hi' }] },
      ],
      outPath: path.join(dir, 'film-subs.mp4'),
      ...format,
      burnSubtitles: true,
      workDir: path.join(dir, 'work-subs'),
      concurrency: 1,
    })
    expect(result).toMatchObject({ normalized: 2, reused: 0 })
    expect(Math.abs(result.durationSeconds - 2)).toBeLessThanOrEqual(0.5 / 24)
  })
})
