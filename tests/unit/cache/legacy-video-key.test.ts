import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createBlobStore } from '../../../src/cache/blob-store.js'
import { createCacheLayer } from '../../../src/cache/cache-layer.js'
import { modelCacheKey } from '../../../src/cache/cache-key.js'
import { openSqliteRecordStore } from '../../../src/cache/sqlite-record-store.js'
import type { VideoRequest } from '../../../src/providers/types.js'
import { pngBytes, pollToEnd, scriptedVideo, type VideoScript } from './scripted-models.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const frame = { bytes: pngBytes('frame'), mediaType: 'image/png' as const, label: 'first frame' }
const today: VideoRequest = { prompt: 'a red door', aspectRatio: '1:1', width: 64, height: 64, seconds: 1, image: frame }
const before0_1_1: VideoRequest = { ...today, image: { ...frame, label: 'first frame of shot 3' } }

async function openLayer(dir: string) {
  const fileDir = path.join(dir, 'provider')
  mkdirSync(fileDir, { recursive: true })
  const records = await openSqliteRecordStore({ file: path.join(dir, 'cache', 'cache.sqlite'), warn: () => undefined })
  const layer = createCacheLayer({ records, blobs: createBlobStore(path.join(dir, 'cache')), warn: () => undefined })
  return { records, layer, fileDir }
}

describe('clips bought under the key of an earlier version', () => {
  it('a clip cached with the old "first frame of shot N" label is found again: no second payment after the upgrade', async () => {
    const dir = path.join(root, 'clip')
    const { records, layer, fileDir } = await openLayer(dir)
    const script: VideoScript = { starts: 0, polls: 0, pendingPolls: 0, fileDir }
    const video = layer.video(scriptedVideo(script).model)

    // What 0.1.0 stored: the request with the shot's id in its label.
    await pollToEnd(video, await video.start(before0_1_1, { subject: 'shot 3' }))
    expect(script.starts).toBe(1)

    const job = await video.start(today, { subject: 'shot 3' })
    expect(job.cached).toBe(true)
    expect(script.starts).toBe(1)
    // Moved to today's key, so the next lookup needs no second read.
    const key = modelCacheKey(scriptedVideo(script).model, today)
    expect(await records.get('video', key)).toMatchObject({ kind: 'video' })
    // Any other shot with the same request now shares it too: that is what the new label is for.
    await pollToEnd(video, await video.start(today, { subject: 'shot 4' }))
    expect(script.starts).toBe(1)
    await records.close()
  })

  it('a job an earlier version started and recorded is resumed under the new key, never started again', async () => {
    const dir = path.join(root, 'job')
    const { records, layer, fileDir } = await openLayer(dir)
    const script: VideoScript = { starts: 0, polls: 0, pendingPolls: 5, fileDir }
    const video = layer.video(scriptedVideo(script).model)
    await video.start(before0_1_1, { subject: 'shot 3' }) // started, then the process "died" while polling
    expect(script.starts).toBe(1)

    const reopened = createCacheLayer({ records, blobs: createBlobStore(path.join(dir, 'cache')), warn: () => undefined })
    const again = reopened.video(scriptedVideo(script).model)
    const job = await again.start(today, { subject: 'shot 3' })
    expect(job.resumed).toBe(true)
    expect(script.starts).toBe(1)
    const status = await pollToEnd(again, job)
    expect(status.state).toBe('done')
    const oldKey = modelCacheKey(scriptedVideo(script).model, before0_1_1)
    expect(await records.get('job', oldKey)).toBeUndefined()
    await records.close()
  })
})
