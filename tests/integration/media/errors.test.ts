import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CancelledError, MediaError } from '../../../src/errors.js'
import { renderAnimatic } from '../../../src/media/animatic.js'
import { renderCard } from '../../../src/media/card.js'
import { normalizeClip } from '../../../src/media/normalize-clip.js'
import { probeMedia } from '../../../src/media/probe.js'
import { runFfmpeg } from '../../../src/media/run-ffmpeg.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function caught(promise: Promise<unknown>): Promise<MediaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(MediaError)
  return error as MediaError
}

describe('media errors', () => {
  it('names VIMAX_FFMPEG when ffmpeg is missing', async () => {
    const env = { ...process.env, VIMAX_FFMPEG: path.join(dir, 'no-such-ffmpeg') }
    const error = await caught(runFfmpeg(['-version'], { task: 'checking the version', env }))
    expect(error.code).toBe('E_FFMPEG_MISSING')
    expect(error.message).toContain('no-such-ffmpeg')
    expect(error.message).toContain('checking the version')
    expect(error.hint).toContain('VIMAX_FFMPEG')
  })

  it('names VIMAX_FFPROBE when ffprobe is missing', async () => {
    const env = { ...process.env, VIMAX_FFPROBE: path.join(dir, 'no-such-ffprobe') }
    const error = await caught(probeMedia(path.join(dir, 'x.mp4'), { env }))
    expect(error.code).toBe('E_FFPROBE_MISSING')
    expect(error.hint).toContain('VIMAX_FFPROBE')
  })

  it('reports a failed run with the task and the tail of stderr', async () => {
    const bad = path.join(dir, 'not-a-video.mp4')
    writeFileSync(bad, 'this is not a video')
    const error = await caught(
      normalizeClip({
        input: bad,
        output: path.join(dir, 'out.mp4'),
        width: 320,
        height: 240,
        fps: 24,
        seconds: 1,
        task: 'normalising clip shot 1.2',
        // Probe result supplied, so the failure comes from ffmpeg itself.
        probe: { durationSeconds: 1, video: { codec: 'h264', profile: 'High', width: 1, height: 1, fps: 24, pixelFormat: 'yuv420p' }, tags: {} },
      }),
    )
    expect(error.code).toBe('E_FFMPEG_FAILED')
    expect(error.message).toContain('normalising clip shot 1.2')
    expect(error.details.join('\n')).toMatch(/Invalid data|not-a-video/)
    expect(error.details.length).toBeLessThanOrEqual(20)
    expect(existsSync(path.join(dir, 'out.mp4'))).toBe(false)
  })

  it('fails ffprobe on a file that is not media', async () => {
    const error = await caught(probeMedia(path.join(dir, 'not-a-video.mp4')))
    expect(error.code).toBe('E_FFPROBE_FAILED')
    expect(error.details.length).toBeGreaterThan(0)
  })

  it('kills ffmpeg on abort, rejects with CancelledError and leaves no temp file', async () => {
    const still = path.join(dir, 'still.png')
    writeFileSync(still, renderCard({ width: 640, height: 360, heading: 'x', body: '', thumbnails: [], seed: 1 }))
    const controller = new AbortController()
    const out = path.join(dir, 'cancelled', 'long.mp4')
    const render = renderAnimatic({ imagePath: still, outPath: out, seconds: 600, width: 640, height: 360, fps: 24, seed: 0, signal: controller.signal })
    setTimeout(() => controller.abort(), 100)
    await expect(render).rejects.toBeInstanceOf(CancelledError)
    expect(readdirSync(path.dirname(out))).toEqual([])
  })
})
