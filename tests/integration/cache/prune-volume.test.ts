import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { fillCache } from '../../../src/bench/cache-fill.js'
import { createBlobStore } from '../../../src/cache/blob-store.js'
import { CACHE_NAMESPACES } from '../../../src/cache/cache-records.js'
import { readCacheStats } from '../../../src/cache/cache-stats.js'
import { applyPrune } from '../../../src/cache/prune-apply.js'
import { planPrune } from '../../../src/cache/prune-plan.js'
import { openSqliteRecordStore } from '../../../src/cache/sqlite-record-store.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0
const dir = () => path.join(root, `cache-${++n}`)
const fileSize = (file: string) => statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0)

/** Counted the slow way: every row read and parsed in JS, as stats used to be. */
function slowCount(file: string) {
  const db = new Database(file, { readonly: true })
  const rows = db.prepare('SELECT key, value FROM keyv').all() as Array<{ key: string; value: string }>
  db.close()
  const kinds = Object.fromEntries(CACHE_NAMESPACES.map((ns) => [ns, { entries: 0, bytes: 0 }]))
  const referenced = new Set<string>()
  let recordBytes = 0
  for (const row of rows) {
    const record = (JSON.parse(row.value) as { value: { bytes: number; blob?: { sha256: string }; blobs?: Array<{ sha256: string }> } }).value
    const kind = kinds[row.key.slice(0, row.key.indexOf(':'))]!
    kind.entries++
    kind.bytes += record.bytes
    recordBytes += row.key.length + row.value.length
    for (const blob of record.blobs ?? (record.blob ? [record.blob] : [])) referenced.add(blob.sha256)
  }
  return { kinds, recordBytes, referenced }
}

describe('cache maintenance at volume', () => {
  it('stats from the store\'s counters equal a count of every row done the slow way', async () => {
    const cacheDir = dir()
    await fillCache(cacheDir, { records: 3_000, blobs: 150, blobBytes: 256, now: Date.now() })
    const records = await openSqliteRecordStore({ file: path.join(cacheDir, 'cache.sqlite'), warn: (m) => expect.fail(m) })
    const blobs = createBlobStore(cacheDir)
    // Some churn first: updates, deletes and a replaced result must keep the counters exact.
    await records.touchMany([{ key: (await firstKey(records)).key, lastUsedAt: Date.now() + 1 }])
    await records.deleteWhere({ namespaces: ['video'] })
    const stats = await readCacheStats({ records, files: blobs })
    await records.close()
    const slow = slowCount(path.join(cacheDir, 'cache.sqlite'))
    expect(stats.kinds).toEqual(slow.kinds)
    const listed = await blobs.list()
    expect(stats.totalBytes).toBe(slow.recordBytes + listed.reduce((t, b) => t + b.bytes, 0))
    expect(stats.orphans.count).toBe(listed.filter((b) => !slow.referenced.has(b.sha256)).length)
    expect(stats.orphans.count).toBeGreaterThan(0) // the deleted clips' blobs
  })

  it('deletes across several chunks and leaves every remaining record with its blobs', async () => {
    const cacheDir = dir()
    const now = Date.now()
    await fillCache(cacheDir, { records: 12_000, blobs: 600, blobBytes: 512, now })
    const records = await openSqliteRecordStore({ file: path.join(cacheDir, 'cache.sqlite'), warn: (m) => expect.fail(m) })
    const blobs = createBlobStore(cacheDir)
    const total = (await readCacheStats({ records, files: blobs })).totalBytes
    const plan = await planPrune({ records, files: blobs }, { maxBytes: Math.floor(total / 3), now })
    expect(plan.records).toBeGreaterThan(5_000)
    const done = await applyPrune(plan, { records, blobs })
    expect(done.records).toBe(plan.records)

    const after = await records.listMeta()
    expect(after).toHaveLength(12_000 - done.records)
    const present = new Set((await blobs.list()).map((blob) => blob.sha256))
    expect(after.every((record) => record.blobs.every((blob) => present.has(blob.sha256)))).toBe(true)
    expect(after.some((record) => record.namespace === 'job')).toBe(true)
    expect((await readCacheStats({ records, files: blobs })).totalBytes).toBeLessThanOrEqual(plan.remainingBytes)
    await records.close()
  })

  it('gives the space back: the record file shrinks after a large prune', async () => {
    const cacheDir = dir()
    const file = path.join(cacheDir, 'cache.sqlite')
    await fillCache(cacheDir, { records: 4_000, blobs: 50, blobBytes: 64, now: Date.now() })
    const records = await openSqliteRecordStore({ file, warn: (m) => expect.fail(m) })
    const before = fileSize(file)
    const plan = await planPrune({ records, files: createBlobStore(cacheDir) }, { olderThan: 1, now: Date.now() + 200 * 86_400_000 })
    const done = await applyPrune(plan, { records, blobs: createBlobStore(cacheDir) })
    expect(done.records).toBe(4_000)
    expect(done.reclaimed.method).not.toBe('none')
    await records.close()
    expect(fileSize(file)).toBeLessThan(before / 4)
  })

  it('an old cache file without auto_vacuum is converted once by the first large prune, and shrinks', async () => {
    const cacheDir = dir()
    const file = path.join(cacheDir, 'cache.sqlite')
    legacyFile(file, 4_000)
    const records = await openSqliteRecordStore({ file, warn: (m) => expect.fail(m) })
    expect((await records.stats()).namespaces.image.entries).toBe(2_000) // migrated: counted from its rows
    const before = fileSize(file)
    expect(await records.deleteWhere({ namespaces: ['chat'] })).toBe(2_000)
    const reclaimed = await records.reclaim()
    expect(reclaimed.method).toBe('vacuum')
    await records.close()
    expect(fileSize(file)).toBeLessThan(before * 0.6)
    const db = new Database(file, { readonly: true })
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2)
    db.close()
  })
})

async function firstKey(records: Awaited<ReturnType<typeof openSqliteRecordStore>>) {
  for await (const batch of records.scan({ namespaces: ['chat'] }, { batch: 1 })) return batch[0]!
  throw new Error('no chat record')
}

/** A cache.sqlite as vimax wrote it before this schema: Keyv's table only, no auto_vacuum. */
function legacyFile(file: string, count: number): void {
  mkdirSync(path.dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.exec('CREATE TABLE keyv (key VARCHAR(255) PRIMARY KEY, value TEXT)')
  const insert = db.prepare('INSERT INTO keyv (key, value) VALUES (?, ?)')
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const meta = { provider: 'p', model: 'm', createdAt: i, lastUsedAt: i, hits: 0 }
      const record = i % 2 ? { ...meta, kind: 'chat', bytes: 400, text: 'x'.repeat(400) } : { ...meta, kind: 'image', bytes: 9, blobs: [{ sha256: `s${i % 7}`, bytes: 9, mediaType: 'image/png' }] }
      insert.run(`${i % 2 ? 'chat' : 'image'}:v1:${i}`, JSON.stringify({ value: record }))
    }
  })()
  db.close()
}
