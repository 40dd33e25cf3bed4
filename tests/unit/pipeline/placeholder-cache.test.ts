import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createBlobStore, type BlobStore } from '../../../src/cache/blob-store.js'
import { createCacheLayer, type CacheLayer } from '../../../src/cache/cache-layer.js'
import type { RecordStore } from '../../../src/cache/record-store.js'
import { openSqliteRecordStore } from '../../../src/cache/sqlite-record-store.js'
import { placeholderImageModel, placeholderVideoModel } from '../../../src/pipeline/placeholder-models.js'
import type { ImageModel, ImageRequest, VideoJob, VideoModel, VideoRequest, VideoStatus } from '../../../src/providers/types.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-placeholder-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0

/** One "process" over a cache folder: its own SQLite connection and layer, real blob files. */
interface Process {
  readonly records: RecordStore
  readonly blobs: BlobStore
  readonly layer: CacheLayer
  readonly warnings: string[]
}
const opened: RecordStore[] = []
afterAll(async () => {
  for (const records of opened) await records.close()
})

async function processOver(cacheDir: string): Promise<Process> {
  const warnings: string[] = []
  const records = await openSqliteRecordStore({ file: path.join(cacheDir, 'cache.sqlite'), warn: (m) => warnings.push(m) })
  opened.push(records)
  const blobs = createBlobStore(cacheDir)
  return { records, blobs, layer: createCacheLayer({ records, blobs, warn: (m) => warnings.push(m) }), warnings }
}

function freshDirs() {
  const dir = path.join(root, `case-${++n}`)
  const providerDir = path.join(dir, 'provider')
  mkdirSync(providerDir, { recursive: true })
  return { cacheDir: path.join(dir, 'cache'), providerDir }
}

const realBytes = (text: string) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(text)])

/** A real (paid) image model as far as the cache can tell. */
function paidImage() {
  const state = { calls: 0 }
  const model: ImageModel = {
    kind: 'image',
    provider: 'acme',
    modelId: 'painter',
    async generate(request) {
      state.calls++
      return { images: [{ kind: 'bytes', bytes: realBytes(request.prompt), mediaType: 'image/png' }], costUsd: 0.25 }
    },
  }
  return { model, state }
}

/** A real video model whose jobs carry what they need in `state`, so another process can finish one. */
function paidVideo(providerDir: string) {
  const state = { starts: 0, polls: 0 }
  const model: VideoModel = {
    kind: 'video',
    provider: 'acme',
    modelId: 'camera',
    pollIntervalMs: 0,
    async start(request) {
      state.starts++
      return { id: `vendor-job-${state.starts}`, state: { prompt: request.prompt }, costUsd: 1.25 }
    },
    async status(job: VideoJob): Promise<VideoStatus> {
      state.polls++
      const file = path.join(providerDir, `${job.id}-${state.polls}.mp4`)
      writeFileSync(file, Buffer.from(`clip of ${String((job.state as { prompt: string }).prompt)}`))
      return { state: 'done', video: { kind: 'file', path: file, mediaType: 'video/mp4' } }
    },
  }
  return { model, state }
}

const draw = (prompt: string): ImageRequest => ({ prompt, aspectRatio: '1:1', width: 64, height: 64, references: [] })
const clip = (prompt: string): VideoRequest => ({ prompt, aspectRatio: '16:9', width: 320, height: 180, seconds: 2 })

async function stored(p: Process) {
  return {
    image: (await p.records.list('image')).length,
    video: (await p.records.list('video')).length,
    job: (await p.records.list('job')).length,
    blobs: (await p.blobs.list()).length,
  }
}

describe('dry-run placeholders through the real cache layer: image', () => {
  it('a placeholder image is never stored: no record, no blob, and a second ask is not a hit', async () => {
    const { cacheDir } = freshDirs()
    const p = await processOver(cacheDir)
    const { model, state } = paidImage()
    const image = p.layer.image(placeholderImageModel(model))
    const first = await image.generate(draw('a lighthouse'))
    expect(first).toMatchObject({ planned: true, cached: false })
    expect(await stored(p)).toEqual({ image: 0, video: 0, job: 0, blobs: 0 })
    const second = await image.generate(draw('a lighthouse'))
    expect(second.cached).toBe(false)
    expect(second.planned).toBe(true)
    expect(state.calls).toBe(0)

    // A real run afterwards pays for it: the placeholder left nothing behind that could be served.
    const real = await p.layer.image(model).generate(draw('a lighthouse'))
    expect(real.cached).toBe(false)
    expect(state.calls).toBe(1)
  })

  it('a hit is still served from the cache in a dry run, with the real image and its saved cost', async () => {
    const { cacheDir } = freshDirs()
    const p = await processOver(cacheDir)
    const { model, state } = paidImage()
    const paid = await p.layer.image(model).generate(draw('a harbour'))
    expect(state.calls).toBe(1)

    const dry = await processOver(cacheDir)
    const hit = await dry.layer.image(placeholderImageModel(model)).generate(draw('a harbour'))
    expect(hit).toMatchObject({ cached: true, cacheKey: paid.cacheKey, savedUsd: 0.25 })
    expect(hit.planned).toBeUndefined()
    const media = hit.images[0]
    if (media?.kind !== 'file') throw new Error('expected the stored blob file')
    expect(readFileSync(media.path)).toEqual(realBytes('a harbour'))
    expect(state.calls).toBe(1)
  })
})

describe('dry-run placeholders through the real cache layer: video', () => {
  it('a placeholder clip is never stored: no job record, no video record, no blob', async () => {
    const { cacheDir, providerDir } = freshDirs()
    const p = await processOver(cacheDir)
    const { model, state } = paidVideo(providerDir)
    const video = p.layer.video(placeholderVideoModel(model))
    const job = await video.start(clip('push in'))
    expect(job.planned).toBe(true)
    expect(await stored(p)).toEqual({ image: 0, video: 0, job: 0, blobs: 0 })
    const status = await video.status(job)
    expect(status).toMatchObject({ state: 'done', planned: true })
    expect(await stored(p)).toEqual({ image: 0, video: 0, job: 0, blobs: 0 })
    expect(state.starts + state.polls).toBe(0)
  })

  it('a finished clip is still served from the cache in a dry run', async () => {
    const { cacheDir, providerDir } = freshDirs()
    const p = await processOver(cacheDir)
    const { model, state } = paidVideo(providerDir)
    const real = p.layer.video(model)
    const paidJob = await real.start(clip('pan left'))
    expect((await real.status(paidJob)).state).toBe('done')

    const dry = await processOver(cacheDir)
    const video = dry.layer.video(placeholderVideoModel(model))
    const job = await video.start(clip('pan left'))
    expect(job).toMatchObject({ cached: true, cacheKey: paidJob.cacheKey, savedUsd: 1.25 })
    const status = await video.status(job)
    expect(status).toMatchObject({ state: 'done', cached: true })
    if (status.state !== 'done' || status.video.kind !== 'file') throw new Error('expected the stored clip')
    expect(readFileSync(status.video.path, 'utf8')).toBe('clip of pan left')
    expect(state.starts).toBe(1)
  })

  it('a recorded (resumable) job answered by a placeholder keeps its job record, and a later real run finishes it without paying again', async () => {
    const { cacheDir, providerDir } = freshDirs()
    const crashed = await processOver(cacheDir)
    const { model, state } = paidVideo(providerDir)
    // A real run started (and paid for) the job, then died before polling it.
    await crashed.layer.video(model).start(clip('dolly out'))
    expect(state.starts).toBe(1)
    expect((await stored(crashed)).job).toBe(1)

    const dry = await processOver(cacheDir)
    const placeholder = dry.layer.video(placeholderVideoModel(model))
    const resumed = await placeholder.start(clip('dolly out'))
    expect(resumed).toMatchObject({ resumed: true, id: 'vendor-job-1' })
    const status = await placeholder.status(resumed)
    expect(status).toMatchObject({ state: 'done', planned: true })
    // Nothing of the placeholder was kept, and the paid job is still there to resume.
    expect(await stored(dry)).toEqual({ image: 0, video: 0, job: 1, blobs: 0 })
    expect(state.polls).toBe(0)

    const rerun = await processOver(cacheDir)
    const video = rerun.layer.video(model)
    const again = await video.start(clip('dolly out'))
    expect(again).toMatchObject({ resumed: true, id: 'vendor-job-1' })
    const finished = await video.status(again)
    expect(finished.state).toBe('done')
    expect(state.starts).toBe(1)
    expect(await stored(rerun)).toEqual({ image: 0, video: 1, job: 0, blobs: 1 })
  })
})
