import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createBlobStore } from '../../../src/cache/blob-store.js'
import { CacheWriteError } from '../../../src/cache/cache-errors.js'
import { createCacheLayer } from '../../../src/cache/cache-layer.js'
import { writeFailureAdvice } from '../../../src/cache/layer-context.js'
import { createMediaMemo } from '../../../src/cache/media-memo.js'
import { openSqliteRecordStore } from '../../../src/cache/sqlite-record-store.js'
import type { CallEnd, PipelineEvent } from '../../../src/pipeline/events.js'
import { createCallObserver } from '../../../src/pipeline/with-events.js'
import type { VideoRequest } from '../../../src/providers/types.js'
import { pollToEnd, scriptedVideo, type VideoScript } from './scripted-models.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0

async function layerIn(options: { read?: boolean } = {}) {
  const dir = path.join(root, `case-${++n}`)
  const fileDir = path.join(dir, 'provider')
  mkdirSync(fileDir, { recursive: true })
  const warnings: string[] = []
  const records = await openSqliteRecordStore({ file: path.join(dir, 'cache', 'cache.sqlite'), warn: (m) => warnings.push(m) })
  const layer = createCacheLayer({ records, blobs: createBlobStore(path.join(dir, 'cache')), warn: (m) => warnings.push(m), ...options })
  const events: PipelineEvent[] = []
  const observer = createCallObserver((event) => events.push(event))
  const ends = () => events.filter((event): event is CallEnd => event.type === 'call:end')
  return { records, layer, observer, ends, fileDir, warnings }
}

const clip: VideoRequest = { prompt: 'a red door', aspectRatio: '1:1', width: 64, height: 64, seconds: 1 }

describe('one video call per distinct request in a run', () => {
  it('a video start that comes after the first start returned joins its running job: one paid call, one shared result', async () => {
    const { records, layer, observer, ends, fileDir } = await layerIn()
    const script: VideoScript = { starts: 0, polls: 0, pendingPolls: 3, fileDir }
    const video = observer.video(layer.video(scriptedVideo(script).model))

    const first = await video.start(clip, { subject: 'shot 1' })
    const second = await video.start(clip, { subject: 'shot 2' })
    expect(second.id).toBe(first.id)
    expect(second.resumed).toBeUndefined()
    await Promise.all([pollToEnd(video, first), pollToEnd(video, second)])

    expect(script.starts).toBe(1)
    const [paid, shared] = [ends().filter((end) => !end.cached), ends().filter((end) => end.cached)]
    expect(paid.map((end) => end.subject)).toEqual(['shot 1'])
    expect(shared).toHaveLength(1)
    expect(shared[0]).toMatchObject({ subject: 'shot 2', resumed: false, costUsd: undefined, savedUsd: 0.5 })
    await records.close()
  })

  it('with --no-cache, a second identical video start still joins the job in flight', async () => {
    const { records, layer, fileDir } = await layerIn({ read: false })
    const script: VideoScript = { starts: 0, polls: 0, pendingPolls: 2, fileDir }
    const video = layer.video(scriptedVideo(script).model)
    const first = await video.start(clip)
    const second = await video.start(clip)
    expect(second.id).toBe(first.id)
    expect(script.starts).toBe(1)
    await records.close()
  })

  it('callers sharing a video job ask the vendor for its status once per round, not once each', async () => {
    const { records, layer, fileDir } = await layerIn()
    const script: VideoScript = { starts: 0, polls: 0, pendingPolls: 1, fileDir }
    const video = layer.video(scriptedVideo(script).model)
    const jobs = await Promise.all([1, 2, 3].map(() => video.start(clip)))
    const first = await Promise.all(jobs.map((job) => video.status(job)))
    expect(first.every((status) => status.state === 'pending')).toBe(true)
    expect(script.polls).toBe(1)
    await records.close()
  })
})

describe('advice on a failed cache write', () => {
  const failure = (code: string) => new CacheWriteError('cache: could not store a video/mp4 result', { code: 'E_CACHE_WRITE', cause: Object.assign(new Error(code), { code }) })

  it('says to free space only when the disk is full', () => {
    expect(writeFailureAdvice(failure('ENOSPC'))).toMatch(/free some space/)
    expect(writeFailureAdvice(failure('EROFS'))).toMatch(/writable folder/)
    expect(writeFailureAdvice(failure('ENOENT'))).toBeUndefined()
    const bucket = new CacheWriteError('cache: could not store a video/mp4 result in s3://films', { code: 'E_CACHE_WRITE', hint: 'check the bucket', cause: new Error('403') })
    expect(writeFailureAdvice(bucket)).toBe('check the bucket')
  })
})

describe('derived media of identical shots', () => {
  it('one make for a key asked for by several callers at once, every caller given the same file', async () => {
    const dir = path.join(root, `memo-${++n}`)
    const records = await openSqliteRecordStore({ file: path.join(dir, 'cache', 'cache.sqlite'), warn: () => undefined })
    const memo = createMediaMemo({ records, blobs: createBlobStore(path.join(dir, 'cache')), tmpDir: path.join(dir, 'tmp'), read: true, warn: () => undefined })
    let makes = 0
    const make = async (out: string) => {
      makes += 1
      writeFileSync(out, 'normalised clip')
    }
    const files = await Promise.all([1, 2, 3].map(() => memo.file('normalise:same-clip', 'video/mp4', make)))
    expect(makes).toBe(1)
    expect(new Set(files.map((file) => file.path)).size).toBe(1)
    await records.close()
  })
})
