import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createBlobStore } from '../../../src/cache/blob-store.js'
import { createCacheLayer } from '../../../src/cache/cache-layer.js'
import { isResumedJob } from '../../../src/cache/cached-video.js'
import type { RecordStore } from '../../../src/cache/record-store.js'
import { openSqliteRecordStore } from '../../../src/cache/sqlite-record-store.js'
import type { VideoModel, VideoRequest } from '../../../src/providers/types.js'
import { mp4Bytes, pollToEnd, scriptedVideo, type VideoScript } from './scripted-models.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0

/** One "process": its own record store connection and layer over a shared cache folder. */
async function processOver(cacheDir: string, options: { read?: boolean } = {}) {
  const warnings: string[] = []
  const records = await openSqliteRecordStore({ file: path.join(cacheDir, 'cache.sqlite'), warn: (m) => warnings.push(m) })
  const layer = createCacheLayer({ records, blobs: createBlobStore(cacheDir), warn: (m) => warnings.push(m), ...options })
  return { records, layer, warnings }
}

function fresh() {
  const dir = path.join(root, `case-${++n}`)
  const fileDir = path.join(dir, 'provider')
  mkdirSync(fileDir, { recursive: true })
  const script: VideoScript = { starts: 0, polls: 0, pendingPolls: 2, fileDir }
  return { cacheDir: path.join(dir, 'cache'), script, model: scriptedVideo(script).model }
}

const clip = (prompt: string): VideoRequest => ({ prompt, aspectRatio: '16:9', width: 320, height: 180, seconds: 2 })
const jobRecords = async (records: RecordStore) => (await records.list('job')).length

describe('cache layer: video', () => {
  it('records the job before start returns, stores the clip when done and drops the job record', async () => {
    const { cacheDir, script, model } = fresh()
    const { records, layer } = await processOver(cacheDir)
    const video = layer.video(model)
    const job = await video.start(clip('push in'))
    expect(await jobRecords(records)).toBe(1)
    const done = await pollToEnd(video, job)
    expect(done.state).toBe('done')
    if (done.state !== 'done' || done.video.kind !== 'file') throw new Error('expected a file')
    expect(readFileSync(done.video.path)).toEqual(mp4Bytes('push in'))
    expect(await jobRecords(records)).toBe(0)
    expect(await records.list('video')).toHaveLength(1)

    const again = await video.start(clip('push in'))
    expect(again.cached).toBe(true)
    const hit = await video.status(again)
    expect(hit).toMatchObject({ state: 'done', cached: true, cacheKey: job.cacheKey })
    expect(script.starts).toBe(1)
    await records.close()
  })

  it('a new process resumes a job the last one recorded, without starting it again', async () => {
    const { cacheDir, script, model } = fresh()
    const first = await processOver(cacheDir)
    const job = await first.layer.video(model).start(clip('crash while polling'))
    await first.layer.video(model).status(job) // pending; then the process "dies"
    await first.records.close()

    const second = await processOver(cacheDir)
    // A fresh model instance too: nothing in memory survives.
    const video = second.layer.video(scriptedVideo(script).model as VideoModel)
    const resumed = await video.start(clip('crash while polling'))
    expect(script.starts).toBe(1)
    expect(resumed.id).toBe(job.id)
    expect(isResumedJob(resumed)).toBe(true)
    const done = await pollToEnd(video, resumed)
    expect(done.state).toBe('done')
    expect(await jobRecords(second.records)).toBe(0)
    expect(await second.records.list('video')).toHaveLength(1)
    await second.records.close()
  })

  it('a failed job drops its record and caches nothing', async () => {
    const { cacheDir, script, model } = fresh()
    script.fail = 'content policy'
    const { records, layer } = await processOver(cacheDir)
    const video = layer.video(model)
    const job = await video.start(clip('refused'))
    expect(await pollToEnd(video, job)).toMatchObject({ state: 'failed', message: 'content policy' })
    expect(await records.list()).toHaveLength(0)
    // The next ask pays again: failures are not cached.
    script.fail = undefined
    script.polls = 0
    await pollToEnd(video, await video.start(clip('refused')))
    expect(script.starts).toBe(2)
    await records.close()
  })

  it('with read: false skips the finished clip but still resumes a recorded (paid) job', async () => {
    const { cacheDir, script, model } = fresh()
    const first = await processOver(cacheDir)
    const video = first.layer.video(model)
    await pollToEnd(video, await video.start(clip('done before')))
    const pending = await video.start(clip('still running'))
    await first.records.close()

    const second = await processOver(cacheDir, { read: false })
    const noCache = second.layer.video(model)
    const redone = await noCache.start(clip('done before'))
    expect(redone.cached).not.toBe(true)
    expect(script.starts).toBe(3)
    const resumed = await noCache.start(clip('still running'))
    expect(resumed.id).toBe(pending.id)
    expect(script.starts).toBe(3)
    await second.records.close()
  })

  it('shares one job between identical starts in flight, and stores its clip once', async () => {
    const { cacheDir, script, model } = fresh()
    const { records, layer } = await processOver(cacheDir)
    const video = layer.video(model)
    const [a, b] = await Promise.all([video.start(clip('twins')), video.start(clip('twins'))])
    expect(script.starts).toBe(1)
    expect(a.id).toBe(b.id)
    const [doneA, doneB] = await Promise.all([pollToEnd(video, a), pollToEnd(video, b)])
    expect(doneA.state).toBe('done')
    expect(doneB).toEqual(doneA)
    expect(await records.list('video')).toHaveLength(1)
    await records.close()
  })
})
