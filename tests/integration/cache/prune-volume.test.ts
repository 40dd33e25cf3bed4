import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fillCache } from '../../../src/bench/cache-fill.js'
import { createBlobStore } from '../../../src/cache/blob-store.js'
import { readInventory } from '../../../src/cache/cache-inventory.js'
import { computeCacheStats } from '../../../src/cache/cache-stats.js'
import { applyPrune } from '../../../src/cache/prune-apply.js'
import { planPrune } from '../../../src/cache/prune-plan.js'
import { openSqliteRecordStore } from '../../../src/cache/sqlite-record-store.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('prune at volume', () => {
  it('deletes across several chunks and leaves every remaining record with its blobs', async () => {
    const now = Date.now()
    await fillCache(root, { records: 12_000, blobs: 600, blobBytes: 512, now })
    const records = await openSqliteRecordStore({ file: path.join(root, 'cache.sqlite'), warn: (m) => expect.fail(m) })
    const blobs = createBlobStore(root)
    const before = await readInventory({ records, blobs })
    expect(before.records).toHaveLength(12_000)
    const total = computeCacheStats(before).totalBytes
    const plan = planPrune(before, { maxBytes: Math.floor(total / 3), now })
    expect(plan.deleteRecords.length).toBeGreaterThan(5_000) // more than one delete chunk
    const done = await applyPrune(plan, { records, blobs })
    expect(done.records).toBe(plan.deleteRecords.length)

    const after = await readInventory({ records, blobs })
    expect(after.records).toHaveLength(12_000 - done.records)
    const present = new Set(after.blobs.map((blob) => blob.sha256))
    expect(after.records.every((record) => record.blobs.every((blob) => present.has(blob.sha256)))).toBe(true)
    expect(after.records.some((record) => record.namespace === 'job')).toBe(true)
    expect(computeCacheStats(after).totalBytes).toBeLessThanOrEqual(plan.remainingBytes)
    await records.close()
  })
})
