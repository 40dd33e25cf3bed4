import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createBlobStore } from '../../../src/cache/blob-store.js'
import { createCacheLayer } from '../../../src/cache/cache-layer.js'
import { openSqliteRecordStore } from '../../../src/cache/sqlite-record-store.js'
import type { CallEnd, PipelineEvent } from '../../../src/pipeline/events.js'
import { createCallObserver } from '../../../src/pipeline/with-events.js'
import type { VideoRequest } from '../../../src/providers/types.js'
import { pollToEnd, scriptedVideo, type VideoScript } from '../cache/scripted-models.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const clip: VideoRequest = { prompt: 'twins', aspectRatio: '16:9', width: 320, height: 180, seconds: 2 }

describe('call events for one video job shared by two callers in flight', () => {
  it('ends both calls: one paid, the other a hit that saved the same amount', async () => {
    const fileDir = path.join(root, 'provider')
    mkdirSync(fileDir, { recursive: true })
    const script: VideoScript = { starts: 0, polls: 0, pendingPolls: 2, fileDir }
    const records = await openSqliteRecordStore({ file: path.join(root, 'cache', 'cache.sqlite'), warn: () => undefined })
    const layer = createCacheLayer({ records, blobs: createBlobStore(path.join(root, 'cache')), warn: () => undefined })
    const events: PipelineEvent[] = []
    const video = createCallObserver((event) => events.push(event)).video(layer.video(scriptedVideo(script).model))

    const [a, b] = await Promise.all([video.start(clip, { subject: 'shot 1.1' }), video.start(clip, { subject: 'shot 1.3' })])
    expect(a.id).toBe(b.id)
    await Promise.all([pollToEnd(video, a), pollToEnd(video, b)])

    expect(script.starts).toBe(1)
    const ends = events.filter((event): event is CallEnd => event.type === 'call:end')
    expect(ends).toHaveLength(2)
    expect(ends.map((end) => end.subject).sort()).toEqual(['shot 1.1', 'shot 1.3'])
    const paid = ends.filter((end) => !end.cached)
    const shared = ends.filter((end) => end.cached)
    expect(paid).toHaveLength(1)
    expect(paid[0]?.costUsd).toBe(0.5)
    expect(shared).toHaveLength(1)
    expect(shared[0]).toMatchObject({ costUsd: undefined, savedUsd: 0.5 })
    await records.close()
  })
})
