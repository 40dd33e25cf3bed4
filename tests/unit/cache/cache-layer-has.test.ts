import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createBlobStore } from '../../../src/cache/blob-store.js'
import { createCacheLayer } from '../../../src/cache/cache-layer.js'
import { createMemoryRecordStore } from '../../../src/cache/record-store.js'
import type { ImageRequest, VideoRequest } from '../../../src/providers/types.js'
import { scriptedImage, scriptedVideo } from './scripted-models.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const draw: ImageRequest = { prompt: 'a gull', aspectRatio: '1:1', width: 64, height: 64, references: [] }
const film: VideoRequest = { prompt: 'waves', aspectRatio: '1:1', width: 64, height: 64, seconds: 2 }

describe('cache layer: has (what a fallback chain asks before calling)', () => {
  it('says whether this model’s result for the request is stored, and only this model’s', async () => {
    const records = createMemoryRecordStore()
    const layer = createCacheLayer({ records, blobs: createBlobStore(path.join(root, 'a')), warn: () => undefined })
    const { model } = scriptedImage()
    const other = { ...model, modelId: 'image-2' }
    expect(await layer.has!(model, draw)).toBe(false)
    await layer.image(model).generate(draw)
    expect(await layer.has!(model, draw)).toBe(true)
    expect(await layer.has!(other, draw)).toBe(false)
    expect(await layer.has!(model, { ...draw, prompt: 'a tern' })).toBe(false)
    // --no-cache serves no stored result: it holds nothing to ask for.
    const fresh = createCacheLayer({ records, blobs: createBlobStore(path.join(root, 'a')), warn: () => undefined, read: false })
    expect(await fresh.has!(model, draw)).toBe(false)
  })

  it('counts a video job started and recorded but not finished, with --no-cache too: it is resumed, never bought again', async () => {
    const fileDir = path.join(root, 'clips')
    mkdirSync(fileDir, { recursive: true })
    const records = createMemoryRecordStore()
    const { model } = scriptedVideo({ starts: 0, polls: 0, pendingPolls: 5, fileDir })
    const layer = createCacheLayer({ records, blobs: createBlobStore(path.join(root, 'b')), warn: () => undefined })
    await layer.video(model).start(film)
    const noCache = createCacheLayer({ records, blobs: createBlobStore(path.join(root, 'b')), warn: () => undefined, read: false })
    expect(await noCache.has!(model, film)).toBe(true)
  })
})
