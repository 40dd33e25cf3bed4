import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { renderCard } from '../../../src/media/card.js'
import { probeMedia } from '../../../src/media/probe.js'
import { createOfflineVideoModel } from '../../../src/providers/offline/video.js'
import type { VideoJob, VideoModel, VideoRequest, VideoStatus } from '../../../src/providers/types.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const frame = renderCard({ width: 320, height: 180, heading: 'Shot 1.1', body: 'A pier.', thumbnails: [], seed: 1 })
const request: VideoRequest = {
  prompt: 'Slow push in on Mira.',
  image: { bytes: frame, mediaType: 'image/png', label: 'first frame' },
  aspectRatio: '16:9',
  width: 320,
  height: 180,
  seconds: 1,
  seed: 3,
}

/** Polls on the injected schedule without real waiting; returns every status seen. */
async function pollUntilSettled(model: VideoModel, job: VideoJob, advance: () => void = () => {}): Promise<VideoStatus[]> {
  const seen: VideoStatus[] = []
  for (let i = 0; i < 2000; i++) {
    const status = await model.status(job)
    seen.push(status)
    if (status.state !== 'pending') return seen
    advance()
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error('job never settled')
}

describe('offline video model', () => {
  it('describes itself and polls quickly', () => {
    const model = createOfflineVideoModel('animatic', { workDir: dir })
    expect(model).toMatchObject({ kind: 'video', provider: 'offline', modelId: 'animatic', fingerprint: { renderer: 1 } })
    expect(model.pollIntervalMs).toBeLessThanOrEqual(50)
  })

  it('goes from pending to done with a real MP4 of the requested size and length', async () => {
    const model = createOfflineVideoModel('animatic', { workDir: path.join(dir, 'a') })
    const job = await model.start(request)
    expect(JSON.parse(JSON.stringify(job))).toEqual(job)
    const seen = await pollUntilSettled(model, job)
    const last = seen.at(-1)!
    if (last.state !== 'done') throw new Error(`expected done, got ${JSON.stringify(last)}`)
    expect(last.video).toMatchObject({ kind: 'file', mediaType: 'video/mp4' })
    const probe = await probeMedia((last.video as { path: string }).path)
    expect(probe.video).toMatchObject({ codec: 'h264', width: 320, height: 180 })
    expect(Math.abs(probe.durationSeconds - 1)).toBeLessThanOrEqual(1 / 24)
  })

  it('stays pending for the simulated latency on an injected clock', async () => {
    let clock = 1_000
    const model = createOfflineVideoModel('animatic', { workDir: path.join(dir, 'b'), latencyMs: { video: 60_000 }, now: () => clock })
    const job = await model.start({ ...request, image: undefined, prompt: 'A card from the prompt alone.' })
    // Let the render finish while the clock stands still: still pending.
    await pollUntilSettled(createOfflineVideoModel('animatic', { workDir: path.join(dir, 'b') }), job)
    const before = await model.status(job)
    expect(before).toMatchObject({ state: 'pending' })
    clock += 60_000
    const seen = await pollUntilSettled(model, job)
    expect(seen.at(-1)!.state).toBe('done')
  })

  it('finishes a job started by a previous process from the job alone', async () => {
    let clock = 0
    const options = { workDir: path.join(dir, 'c'), latencyMs: { video: 10 }, now: () => clock }
    const job = await createOfflineVideoModel('animatic', options).start(request)
    // A fresh instance knows nothing of the first one's render; the stored job must be enough.
    const stored = JSON.parse(JSON.stringify(job)) as VideoJob
    const seen = await pollUntilSettled(createOfflineVideoModel('animatic', options), stored, () => (clock += 5))
    const last = seen.at(-1)!
    expect(last.state).toBe('done')
    if (last.state === 'done' && last.video.kind === 'file') {
      expect((await probeMedia(last.video.path)).video).toMatchObject({ width: 320, height: 180 })
    }
  })

  it('fails a job whose state is unreadable', async () => {
    const model = createOfflineVideoModel('animatic', { workDir: dir })
    expect(await model.status({ id: 'offline-x', state: { v: 99 } })).toMatchObject({ state: 'failed' })
  })

  it('refuses a first frame it cannot read', async () => {
    const model = createOfflineVideoModel('animatic', { workDir: dir })
    const bad = { ...request, image: { bytes: new Uint8Array([1, 2, 3]), mediaType: 'image/png', label: 'x' } }
    await expect(model.start(bad, { subject: 'shot 1.2' })).rejects.toMatchObject({ code: 'E_OFFLINE_UNSUPPORTED_IMAGE', provider: 'offline' })
  })
})
