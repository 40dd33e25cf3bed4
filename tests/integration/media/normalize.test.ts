import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { needsNormalizing, normalizeClip } from '../../../src/media/normalize-clip.js'
import { probeMedia } from '../../../src/media/probe.js'
import { frameAt, makeTestVideo, meanDifference } from './fixtures.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
const silentSmall = path.join(dir, 'silent-small.mp4')
const longWithAudio = path.join(dir, 'long-audio.mp4')
afterAll(() => rmSync(dir, { recursive: true, force: true }))
beforeAll(async () => {
  await makeTestVideo(silentSmall, { width: 320, height: 240, fps: 30, seconds: 1 })
  await makeTestVideo(longWithAudio, { width: 480, height: 200, fps: 25, seconds: 3, audio: true })
})

const target = { width: 640, height: 360, fps: 24 }

async function expectClipFormat(file: string, seconds: number) {
  const probe = await probeMedia(file)
  expect(probe.video).toMatchObject({ codec: 'h264', width: 640, height: 360, fps: 24, pixelFormat: 'yuv420p' })
  // FLAC, not AAC: the join needs each clip's sound to decode to exactly its samples.
  expect(probe.audio).toEqual({ codec: 'flac', sampleRate: 48000, channels: 2 })
  expect(Math.abs(probe.durationSeconds - seconds)).toBeLessThanOrEqual(0.5 / 24)
  expect(needsNormalizing(probe, { ...target, seconds })).toBe(false)
}

describe('normalizeClip', () => {
  it('brings a small, silent 30 fps clip to the target with audio, holding its last frame', async () => {
    const out = path.join(dir, 'padded.mp4')
    await normalizeClip({ input: silentSmall, output: out, ...target, seconds: 2, task: 'normalising clip padded' })
    await expectClipFormat(out, 2)
    // Held: the frame near the end equals the one just after the source ran out.
    const held = await frameAt(out, 1.9, path.join(dir, 'held.png'))
    const atEnd = await frameAt(out, 1.05, path.join(dir, 'at-end.png'))
    expect(meanDifference(held, atEnd)).toBeLessThan(1)
  })

  it('trims a longer clip and resamples its mono audio to stereo 48 kHz', async () => {
    const out = path.join(dir, 'trimmed.mp4')
    await normalizeClip({ input: longWithAudio, output: out, ...target, seconds: 1.5, task: 'normalising clip trimmed' })
    await expectClipFormat(out, 1.5)
  })

  it('gives byte-identical output for the same input, so outputs can be cached by input', async () => {
    const a = path.join(dir, 'same-1.mp4')
    const b = path.join(dir, 'same-2.mp4')
    await normalizeClip({ input: longWithAudio, output: a, ...target, seconds: 1, task: 'normalising clip a' })
    await normalizeClip({ input: longWithAudio, output: b, ...target, seconds: 1, task: 'normalising clip b' })
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true)
  })

  it('letterboxes instead of stretching', async () => {
    const out = path.join(dir, 'letterbox.mp4')
    await normalizeClip({ input: longWithAudio, output: out, ...target, seconds: 0.5, task: 'normalising clip letterbox' })
    const frame = await frameAt(out, 0.1, path.join(dir, 'letterbox.png'))
    // 480x200 scaled to 640x267: the top rows are padding, black.
    expect([...frame.rgba.subarray(0, 3)].every((v) => v < 20)).toBe(true)
  })

  it('burns cues in at their times only', async () => {
    const plain = path.join(dir, 'plain.mp4')
    const captioned = path.join(dir, 'captioned.mp4')
    const cues = [{ start: 0.2, end: 0.8, text: 'Mira: Where does the light go when it leaves?' }]
    await normalizeClip({ input: longWithAudio, output: plain, ...target, seconds: 1.5, task: 'normalising clip plain' })
    await normalizeClip({ input: longWithAudio, output: captioned, ...target, seconds: 1.5, cues, task: 'normalising clip captioned' })
    await expectClipFormat(captioned, 1.5)
    const during = meanDifference(
      await frameAt(plain, 0.5, path.join(dir, 'p-during.png')),
      await frameAt(captioned, 0.5, path.join(dir, 'c-during.png')),
    )
    const after = meanDifference(
      await frameAt(plain, 1.2, path.join(dir, 'p-after.png')),
      await frameAt(captioned, 1.2, path.join(dir, 'c-after.png')),
    )
    expect(during).toBeGreaterThan(1)
    expect(after).toBeLessThan(during / 4)
    // The caption PNGs were temporary.
    expect(readdirSync(dir).filter((name) => name.startsWith('.captions-'))).toEqual([])
  })
})
