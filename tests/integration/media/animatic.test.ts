import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cameraMoveFor, renderAnimatic } from '../../../src/media/animatic.js'
import { renderCard } from '../../../src/media/card.js'
import { sniffMediaType } from '../../../src/media/media-type.js'
import { clipReadiness } from '../../../src/media/normalize-clip.js'
import { probeMedia } from '../../../src/media/probe.js'
import { frameAt, meanDifference } from './fixtures.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
const still = path.join(dir, 'still.png')
afterAll(() => rmSync(dir, { recursive: true, force: true }))
beforeAll(() => {
  writeFileSync(still, renderCard({ width: 1280, height: 720, heading: 'Shot 1.1', body: 'A lighthouse at dusk.', thumbnails: [], seed: 3 }))
})

const size = { width: 640, height: 360, fps: 24 }

describe('renderAnimatic', () => {
  it('writes H.264 + silent AAC of the requested size and length, already in clip format', async () => {
    const out = path.join(dir, 'a.mp4')
    await renderAnimatic({ imagePath: still, outPath: out, seconds: 2.5, ...size, seed: 0 })
    const probe = await probeMedia(out)
    expect(probe.video).toMatchObject({ codec: 'h264', width: 640, height: 360, fps: 24, pixelFormat: 'yuv420p' })
    expect(probe.audio).toEqual({ codec: 'aac', sampleRate: 48000, channels: 2 })
    expect(Math.abs(probe.durationSeconds - 2.5)).toBeLessThanOrEqual(1 / 24)
    // The picture joins as it is; only its AAC sound is rewrapped as FLAC for a sample-exact join.
    expect(clipReadiness(probe, { ...size, seconds: 2.5 })).toBe('rewrap')
    expect(sniffMediaType(readFileSync(out))).toBe('video/mp4')
  })

  it('renders byte-identical files for the same input', async () => {
    const a = path.join(dir, 'same-1.mp4')
    const b = path.join(dir, 'same-2.mp4')
    await renderAnimatic({ imagePath: still, outPath: a, seconds: 1, ...size, seed: 5 })
    await renderAnimatic({ imagePath: still, outPath: b, seconds: 1, ...size, seed: 5 })
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true)
  })

  it('moves the camera, in a direction chosen by the seed', async () => {
    expect(new Set([0, 1, 2, 3, 4].map(cameraMoveFor)).size).toBe(5)
    for (const seed of [0, 1, 3]) {
      const out = path.join(dir, `move-${seed}.mp4`)
      await renderAnimatic({ imagePath: still, outPath: out, seconds: 1, ...size, seed })
      const first = await frameAt(out, 0, path.join(dir, `move-${seed}-first.png`))
      const last = await frameAt(out, 0.95, path.join(dir, `move-${seed}-last.png`))
      expect([first.width, first.height]).toEqual([640, 360])
      expect(meanDifference(first, last), cameraMoveFor(seed)).toBeGreaterThan(0.5)
    }
  })

  it('covers the frame with a still of another aspect ratio', async () => {
    const tall = path.join(dir, 'tall.png')
    writeFileSync(tall, renderCard({ width: 360, height: 640, heading: 'Tall', body: '', thumbnails: [], seed: 1 }))
    const out = path.join(dir, 'tall.mp4')
    await renderAnimatic({ imagePath: tall, outPath: out, seconds: 0.5, ...size, seed: 2 })
    expect((await probeMedia(out)).video).toMatchObject({ width: 640, height: 360 })
  })
})
