import { existsSync, linkSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { renderCard } from '../../../src/media/card.js'
import { renderStillClip, type StillClipInput } from '../../../src/media/still-clip.js'
import { createOfflineVideoModel } from '../../../src/providers/offline/video.js'
import type { VideoJob, VideoModel, VideoRequest, VideoStatus } from '../../../src/providers/types.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const frame = renderCard({ width: 32, height: 32, heading: 'Door', body: 'A red door.', thumbnails: [], seed: 1 })
const input = (workDir: string): StillClipInput => ({
  image: { bytes: frame, mediaType: 'image/png' },
  prompt: 'Static shot of the door.',
  seconds: 1,
  width: 32,
  height: 32,
  fps: 24,
  seed: 7,
  workDir,
})

async function pollToEnd(model: VideoModel, job: VideoJob): Promise<VideoStatus> {
  for (let i = 0; i < 2000; i++) {
    const status = await model.status(job)
    if (status.state !== 'pending') return status
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error('job never settled')
}

describe('identical animatics', () => {
  it('identical offline video jobs each hand out a clip of their own, which the caller may move', async () => {
    const workDir = path.join(root, 'offline')
    const model = createOfflineVideoModel('animatic', { workDir })
    const request: VideoRequest = {
      prompt: 'Static shot of the door.',
      image: { bytes: frame, mediaType: 'image/png', label: 'first frame' },
      aspectRatio: '1:1',
      width: 32,
      height: 32,
      seconds: 1,
      seed: 7,
    }
    const jobs = await Promise.all([1, 2, 3].map(() => model.start(request)))
    const done = await Promise.all(jobs.map((job) => pollToEnd(model, job)))
    const files = done.map((status) => (status.state === 'done' && status.video.kind === 'file' ? status.video.path : ''))
    expect(new Set(files).size).toBe(3)
    // What the blob store does with a file result: it moves it. Each move must find its file.
    files.forEach((file, index) => renameSync(file, path.join(root, `moved-${index}.mp4`)))
    expect(readFileSync(path.join(root, 'moved-2.mp4')).equals(readFileSync(path.join(root, 'moved-0.mp4')))).toBe(true)
  })

  it('a render kept under its plain name in the work folder is reused, as a file of the caller’s own', async () => {
    const workDir = path.join(root, 'kept')
    const first = await renderStillClip(input(workDir))
    const kept = path.join(workDir, path.basename(first))
    linkSync(first, kept)
    const second = await renderStillClip(input(workDir))
    expect(second).not.toBe(first)
    expect(path.basename(second)).toBe(path.basename(first))
    expect(statSync(second).ino).toBe(statSync(kept).ino)
    rmSync(second)
    expect(existsSync(kept)).toBe(true)
  })
})
