import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createBlobStore } from '../../../src/cache/blob-store.js'
import { createCacheLayer } from '../../../src/cache/cache-layer.js'
import { isResumedJob } from '../../../src/cache/cached-video.js'
import { openSqliteRecordStore } from '../../../src/cache/sqlite-record-store.js'
import { ProviderError } from '../../../src/errors.js'
import { jobImageModel } from '../../../src/providers/job-image-model.js'
import type { ImageModel, ImageRequest, VideoModel, VideoRequest } from '../../../src/providers/types.js'
import { pngBytes, pollToEnd, scriptedVideo, type VideoScript } from './scripted-models.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0
const caseDir = () => path.join(root, `case-${++n}`)

async function processOver(cacheDir: string) {
  const records = await openSqliteRecordStore({ file: path.join(cacheDir, 'cache.sqlite'), warn: () => undefined })
  return { records, layer: createCacheLayer({ records, blobs: createBlobStore(cacheDir), warn: () => undefined }) }
}

const gone = (id: string) => new ProviderError(`scripted: job ${id} not found`, { code: 'E_PROVIDER_JOB_GONE', provider: 'scripted', status: 404 })

/** A queue-backed image model: counts submits and polls; `hold` keeps every job pending; `forgotten` ids answer 404. */
interface QueueScript {
  submits: number
  polls: number
  hold: boolean
  failed?: string
  readonly forgotten: Set<string>
}

function queueImage(script: QueueScript): ImageModel {
  return jobImageModel({
    kind: 'image',
    provider: 'scripted',
    modelId: 'queue-1',
    pollIntervalMs: 1,
    timeoutMs: 5,
    sleep: async () => undefined,
    async start(request) {
      script.submits++
      return { id: `img-${script.submits}`, state: { prompt: request.prompt } }
    },
    async status(job) {
      script.polls++
      if (script.forgotten.has(job.id)) throw gone(job.id)
      if (script.hold) return { state: 'pending', detail: 'IN_QUEUE' }
      if (script.failed) return { state: 'failed', message: script.failed, code: '422' }
      return { state: 'done', images: [{ kind: 'bytes', bytes: pngBytes(String((job.state as { prompt: string }).prompt)), mediaType: 'image/png' }] }
    },
  })
}

const picture = (prompt: string): ImageRequest => ({ prompt, aspectRatio: '16:9', width: 320, height: 180, references: [] })
const queue = (): QueueScript => ({ submits: 0, polls: 0, hold: false, forgotten: new Set() })

describe('cache layer: job-based image calls', () => {
  it('records the job before the first wait; a new process resumes it without submitting again, then keeps the image', async () => {
    const cacheDir = caseDir()
    const script = queue()
    script.hold = true
    const first = await processOver(cacheDir)
    // The first process gives up while the request is queued (as a crash would leave it).
    await expect(first.layer.image(queueImage(script)).generate(picture('harbour'))).rejects.toMatchObject({ code: 'E_PROVIDER_TIMEOUT' })
    expect(await first.records.list('job')).toHaveLength(1)
    await first.records.close()

    script.hold = false
    const second = await processOver(cacheDir)
    const result = await second.layer.image(queueImage(script)).generate(picture('harbour'))
    expect(script.submits).toBe(1)
    expect(result).toMatchObject({ resumed: true, cached: false })
    expect(result.images).toHaveLength(1)
    expect(await second.records.list('job')).toHaveLength(0)
    expect(await second.records.list('image')).toHaveLength(1)
    // And it is a plain hit from now on.
    expect(await second.layer.image(queueImage(script)).generate(picture('harbour'))).toMatchObject({ cached: true })
    expect(script.submits).toBe(1)
    await second.records.close()
  })

  it('a recorded job the vendor no longer knows is dropped with a warning and submitted again, once', async () => {
    const cacheDir = caseDir()
    const script = queue()
    script.hold = true
    const first = await processOver(cacheDir)
    await expect(first.layer.image(queueImage(script)).generate(picture('pier'))).rejects.toMatchObject({ code: 'E_PROVIDER_TIMEOUT' })
    await first.records.close()

    script.hold = false
    script.forgotten.add('img-1')
    const second = await processOver(cacheDir)
    const result = await second.layer.image(queueImage(script)).generate(picture('pier'), { subject: 'character mara (front)' })
    expect(script.submits).toBe(2)
    expect(result.resumed).not.toBe(true)
    expect(result.warnings).toEqual([expect.stringMatching(/character mara \(front\): job img-1 is no longer known to scripted .*submitted again, a new paid call/)])
    expect(await second.records.list('job')).toHaveLength(0)
    expect(await second.records.list('image')).toHaveLength(1)
    await second.records.close()
  })

  it('a job the vendor reports failed is forgotten: nothing stays recorded to poll again', async () => {
    const cacheDir = caseDir()
    const script = queue()
    script.failed = 'Input image is too small'
    const { records, layer } = await processOver(cacheDir)
    await expect(layer.image(queueImage(script)).generate(picture('gull'))).rejects.toMatchObject({ code: 'E_PROVIDER_FAILED' })
    expect(await records.list()).toHaveLength(0)
    await records.close()
  })
})

describe('cache layer: a recorded video job the vendor no longer knows', () => {
  const clip = (prompt: string): VideoRequest => ({ prompt, aspectRatio: '16:9', width: 320, height: 180, seconds: 2 })

  it('is dropped with a warning and started again as a new (not resumed) job, instead of failing every rerun', async () => {
    const cacheDir = caseDir()
    const fileDir = path.join(cacheDir, 'provider')
    mkdirSync(fileDir, { recursive: true })
    const script: VideoScript = { starts: 0, polls: 0, pendingPolls: 1, fileDir }
    const first = await processOver(cacheDir)
    const old = await first.layer.video(scriptedVideo(script).model).start(clip('fog'))
    await first.records.close()

    // The vendor expired the job while no process was polling it.
    const base = scriptedVideo(script).model
    const forgetful: VideoModel = { ...base, status: async (job, options) => (job.id === old.id ? Promise.reject(gone(job.id)) : base.status(job, options)) }
    const second = await processOver(cacheDir)
    const video = second.layer.video(forgetful)
    const job = await video.start(clip('fog'), { subject: 'shot 1' })
    expect(script.starts).toBe(2)
    expect(job.id).not.toBe(old.id)
    expect(isResumedJob(job)).toBe(false)
    expect(job.warnings).toEqual([expect.stringMatching(/^shot 1: job .* is no longer known to scripted .*started again as job .*a new paid call/)])
    expect(await second.records.list('job')).toHaveLength(1)
    expect(await pollToEnd(video, job)).toMatchObject({ state: 'done' })
    expect(await second.records.list('job')).toHaveLength(0)
    expect(await second.records.list('video')).toHaveLength(1)
    await second.records.close()
  })

  it('a job found gone while polling drops its record, so the rerun starts it instead of failing forever', async () => {
    const cacheDir = caseDir()
    const fileDir = path.join(cacheDir, 'provider')
    mkdirSync(fileDir, { recursive: true })
    const script: VideoScript = { starts: 0, polls: 0, pendingPolls: 0, fileDir }
    const base = scriptedVideo(script).model
    const forgetful: VideoModel = { ...base, status: async (job) => Promise.reject(gone(job.id)) }
    const { records, layer } = await processOver(cacheDir)
    const video = layer.video(forgetful)
    const job = await video.start(clip('gulls'))
    await expect(video.status(job)).rejects.toMatchObject({ code: 'E_PROVIDER_JOB_GONE' })
    expect(await records.list('job')).toHaveLength(0)
    await records.close()
  })
})
