import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { CacheNamespace, CacheRecord } from '../../../src/cache/cache-records.js'
import { planClear, planPrune, type PruneBlob, type PrunePlan, type PruneTemp } from '../../../src/cache/prune-plan.js'
import { createMemoryRecordStore, type RecordStore, type StoredRecordMeta } from '../../../src/cache/record-store.js'
import { openSqliteRecordStore } from '../../../src/cache/sqlite-record-store.js'

const DAY = 86_400_000
const NOW = 100 * DAY
const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-plan-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0

interface Spec {
  readonly key: string
  readonly daysAgo: number
  readonly namespace?: CacheNamespace
  readonly blob?: string
  /** Created this long before its last use. */
  readonly agedMs?: number
}

const toRecord = (spec: Spec): CacheRecord => {
  const lastUsedAt = NOW - spec.daysAgo * DAY
  const meta = { kind: 'image' as const, provider: 'p', model: 'm', createdAt: lastUsedAt - (spec.agedMs ?? 0), lastUsedAt, hits: 0, bytes: 0 }
  if (spec.namespace === 'job') return { ...meta, job: { id: spec.key } }
  if (spec.blob) return { ...meta, blobs: [{ sha256: spec.blob, bytes: 0, mediaType: 'image/png' }] }
  return { ...meta, kind: 'chat', text: 'answer' }
}

async function storeWith(specs: readonly Spec[], backend: 'memory' | 'sqlite' = 'memory'): Promise<RecordStore> {
  const store = backend === 'memory' ? createMemoryRecordStore() : await openSqliteRecordStore({ file: path.join(root, `plan-${++n}.sqlite`), warn: (m) => expect.fail(m) })
  for (const spec of specs) await store.set(spec.namespace ?? (spec.blob ? 'image' : 'chat'), spec.key, toRecord(spec))
  return store
}
const files = (blobs: readonly PruneBlob[], temps: readonly PruneTemp[] = []) => ({ list: async () => blobs, listTemps: async () => temps })
const blob = (sha256: string, bytes: number, ageDays = 10): PruneBlob => ({ sha256, bytes, mtime: NOW - ageDays * DAY })

/** The keys a plan's selections hold, read from the store before anything is deleted. */
async function picked(store: RecordStore, plan: PrunePlan): Promise<string[]> {
  const keys = new Set<string>()
  for (const selection of plan.selections) for await (const batch of store.scan(selection)) for (const record of batch) keys.add(record.key)
  return [...keys].sort()
}
const sizeOf = async (store: RecordStore, keys: readonly string[]) =>
  (await store.listMeta()).filter((record) => keys.includes(record.key)).reduce((total, record) => total + record.size, 0)

describe('planPrune', () => {
  it('drops records unused for longer than olderThan, and the blobs only they used', async () => {
    const store = await storeWith([
      { key: 'old', daysAgo: 40, blob: 'a' },
      { key: 'new', daysAgo: 1, blob: 'b' },
      { key: 'shares', daysAgo: 1, blob: 'c' },
      { key: 'old2', daysAgo: 45, blob: 'c' },
    ])
    const plan = await planPrune({ records: store, files: files([blob('a', 1000), blob('b', 1000), blob('c', 1000)]) }, { olderThan: 30 * DAY, now: NOW })
    expect(await picked(store, plan)).toEqual(['old', 'old2'])
    expect(plan.deleteBlobs.map((b) => b.sha256)).toEqual(['a'])
    expect(plan.freedBytes).toBe((await sizeOf(store, ['old', 'old2'])) + 1000)
    expect(plan.remainingBytes).toBe((await sizeOf(store, ['new', 'shares'])) + 2000)
  })

  it('then drops least recently used first until records + blobs fit maxBytes', async () => {
    const store = await storeWith([
      { key: 'r3', daysAgo: 3, blob: 'c' },
      { key: 'r1', daysAgo: 1, blob: 'a' },
      { key: 'r5', daysAgo: 5, blob: 'e' },
      { key: 'r2', daysAgo: 2, blob: 'b' },
    ])
    const blobs = ['a', 'b', 'c', 'e'].map((sha) => blob(sha, 100_000))
    // 4 × 100 kB and the records; dropping the two least recently used leaves 200 kB and two records.
    const plan = await planPrune({ records: store, files: files(blobs) }, { maxBytes: 210_000, now: NOW })
    expect(await picked(store, plan)).toEqual(['r3', 'r5'])
    expect(plan.remainingBytes).toBe(200_000 + (await sizeOf(store, ['r1', 'r2'])))
    expect(plan.reasons).toEqual({ olderThan: 0, maxSize: 2, dangling: 0 })
  })

  it('counts a blob shared by two records once, and frees it only with the last of them', async () => {
    const store = await storeWith([
      { key: 'x', daysAgo: 5, blob: 's' },
      { key: 'y', daysAgo: 1, blob: 's' },
    ])
    const plan = await planPrune({ records: store, files: files([blob('s', 50_000)]) }, { maxBytes: 50_000 + (await sizeOf(store, ['y'])), now: NOW })
    expect(await picked(store, plan)).toEqual(['x'])
    expect(plan.deleteBlobs).toEqual([])
    const all = await planPrune({ records: store, files: files([blob('s', 50_000)]) }, { maxBytes: 10, now: NOW })
    expect(all.deleteBlobs.map((b) => b.sha256)).toEqual(['s'])
  })

  it('never drops an in-flight job record for size, only for age', async () => {
    const store = await storeWith([
      { key: 'job', daysAgo: 50, namespace: 'job' },
      { key: 'chat', daysAgo: 1 },
    ])
    expect(await picked(store, await planPrune({ records: store, files: files([]) }, { maxBytes: 0, now: NOW }))).toEqual(['chat'])
    expect(await picked(store, await planPrune({ records: store, files: files([]) }, { olderThan: 30 * DAY, now: NOW }))).toEqual(['job'])
  })

  it('sweeps orphans and temp files only past the grace period', async () => {
    const store = await storeWith([{ key: 'kept', daysAgo: 1, blob: 'used' }])
    const plan = await planPrune(
      {
        records: store,
        files: files(
          [blob('used', 10), blob('old-orphan', 20, 2), { sha256: 'young-orphan', bytes: 30, mtime: NOW - 60_000 }],
          [{ path: '/c/tmp/old.part', mtime: NOW - 2 * 3_600_000, bytes: 7 }, { path: '/c/tmp/new.part', mtime: NOW - 1000, bytes: 9 }],
        ),
      },
      { now: NOW },
    )
    expect(plan.selections).toEqual([])
    expect(plan.deleteBlobs.map((b) => b.sha256)).toEqual(['old-orphan'])
    expect(plan.deleteTemps.map((t) => t.path)).toEqual(['/c/tmp/old.part'])
    expect(plan.freedBytes).toBe(27)
  })

  it('drops records whose blob is gone (they could never be served)', async () => {
    const store = await storeWith([
      { key: 'dangling', daysAgo: 1, blob: 'gone' },
      { key: 'fine', daysAgo: 1 },
    ])
    const plan = await planPrune({ records: store, files: files([]) }, { now: NOW })
    expect(await picked(store, plan)).toEqual(['dangling'])
    expect(plan.reasons.dangling).toBe(1)
  })

  it('keeps records whose blob is only absent from a partial listing (a local copy of S3, records in a shared Redis)', async () => {
    const store = await storeWith([
      { key: 'elsewhere', daysAgo: 1, blob: 'on-another-machine' },
      { key: 'fine', daysAgo: 1 },
    ])
    const plan = await planPrune({ records: store, files: { ...files([]), complete: false } }, { now: NOW })
    expect(await picked(store, plan)).toEqual([])
    expect(plan.reasons.dangling).toBe(0)
  })

  // The plan used to be made from every record in memory; it now streams. Same picks, checked
  // against that algorithm (kept below as the oracle) on random caches, in both stores.
  for (const backend of ['memory', 'sqlite'] as const) {
    it(`picks exactly the records the in-memory algorithm picked (${backend} store, random caches)`, async () => {
      let seed = 7
      const random = () => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647)
      for (let round = 0; round < 6; round++) {
        const specs: Spec[] = Array.from({ length: 150 }, (_, i) => {
          const roll = random()
          return {
            key: `v1:${i.toString(16).padStart(4, '0')}`,
            daysAgo: Math.floor(random() * 60),
            agedMs: Math.floor(random() * 1000),
            ...(roll < 0.1 ? { namespace: 'job' as const } : roll < 0.6 ? { blob: `b${Math.floor(random() * 40)}` } : {}),
          }
        })
        const blobs = Array.from({ length: 40 }, (_, i) => blob(`b${i}`, 1000 + i * 37, i % 3)).filter(() => random() > 0.1)
        const store = await storeWith(specs, backend)
        const policy = { now: NOW, ...(round % 2 === 0 && { olderThan: (20 + round) * DAY }), ...(round !== 3 && { maxBytes: 10_000 + round * 2_000 }) }
        const plan = await planPrune({ records: store, files: files(blobs) }, policy)
        const oracle = legacyPlan(await store.listMeta(), blobs, policy)
        expect(await picked(store, plan)).toEqual(oracle.keys)
        expect(plan.deleteBlobs.map((b) => b.sha256).sort()).toEqual(oracle.blobs)
        expect(plan.reasons).toEqual(oracle.reasons)
        await store.close()
      }
    })
  }
})

describe('planClear', () => {
  it('drops one kind and the blobs only it used, keeping job records', async () => {
    const store = await storeWith([
      { key: 'i', daysAgo: 1, blob: 'a' },
      { key: 'c', daysAgo: 1 },
      { key: 'j', daysAgo: 1, namespace: 'job' },
      { key: 'v', daysAgo: 1, namespace: 'video', blob: 'b' },
    ])
    const plan = await planClear({ records: store, files: files([blob('a', 10), blob('b', 10)]) }, { namespaces: ['image'], now: NOW })
    expect(await picked(store, plan)).toEqual(['i'])
    expect(plan.deleteBlobs.map((b) => b.sha256)).toEqual(['a'])
    const all = await planClear({ records: store, files: files([blob('a', 10), blob('b', 10)]) }, { namespaces: ['chat', 'image', 'video'], now: NOW })
    expect(await picked(store, all)).toEqual(['c', 'i', 'v'])
  })
})

/** The plan as it was computed before it streamed: every record in memory, sorted in JS. */
function legacyPlan(records: readonly StoredRecordMeta[], blobs: readonly PruneBlob[], policy: { now: number; olderThan?: number; maxBytes?: number }) {
  const present = new Set(blobs.map((b) => b.sha256))
  const blobBytes = new Map<string, number>()
  for (const b of blobs) blobBytes.set(b.sha256, (blobBytes.get(b.sha256) ?? 0) + b.bytes)
  const refs = new Map<string, number>()
  const unique = (r: StoredRecordMeta) => new Set(r.blobs.map((b) => b.sha256))
  let total = 0
  for (const r of records) {
    total += r.size
    for (const sha of unique(r)) {
      if ((refs.get(sha) ?? 0) === 0) total += blobBytes.get(sha) ?? 0
      refs.set(sha, (refs.get(sha) ?? 0) + 1)
    }
  }
  const doomed = new Set<StoredRecordMeta>()
  const released = new Set<string>()
  const drop = (r: StoredRecordMeta) => {
    doomed.add(r)
    total -= r.size
    for (const sha of unique(r)) {
      const count = (refs.get(sha) ?? 1) - 1
      if (count > 0) refs.set(sha, count)
      else {
        refs.delete(sha)
        released.add(sha)
        total -= blobBytes.get(sha) ?? 0
      }
    }
  }
  const reasons = { olderThan: 0, maxSize: 0, dangling: 0 }
  for (const r of records) if (r.blobs.some((b) => !present.has(b.sha256))) (drop(r), reasons.dangling++)
  if (policy.olderThan !== undefined) {
    for (const r of records) if (!doomed.has(r) && r.meta.lastUsedAt < policy.now - policy.olderThan) (drop(r), reasons.olderThan++)
  }
  if (policy.maxBytes !== undefined && total > policy.maxBytes) {
    const candidates = records
      .filter((r) => r.namespace !== 'job' && !doomed.has(r))
      .sort((a, b) => a.meta.lastUsedAt - b.meta.lastUsedAt || a.meta.createdAt - b.meta.createdAt || (a.key < b.key ? -1 : 1))
    for (const r of candidates) {
      if (total <= policy.maxBytes) break
      drop(r)
      reasons.maxSize++
    }
  }
  const cutoff = policy.now - 3_600_000
  return {
    keys: [...doomed].map((r) => r.key).sort(),
    blobs: blobs.filter((b) => !refs.has(b.sha256) && (released.has(b.sha256) || b.mtime < cutoff)).map((b) => b.sha256).sort(),
    reasons,
  }
}
