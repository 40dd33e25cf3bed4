import { describe, expect, it } from 'vitest'
import { planClear, planPrune, type PruneBlob, type PruneRecord } from '../../../src/cache/prune-plan.js'

const DAY = 86_400_000
const NOW = 100 * DAY

const record = (key: string, lastUsedDaysAgo: number, options: Partial<PruneRecord> & { blob?: string } = {}): PruneRecord => ({
  key,
  namespace: options.namespace ?? (options.blob ? 'image' : 'chat'),
  bytes: options.bytes ?? 100,
  blobs: options.blob ? [{ sha256: options.blob }] : [],
  createdAt: NOW - lastUsedDaysAgo * DAY,
  lastUsedAt: NOW - lastUsedDaysAgo * DAY,
})
const blob = (sha256: string, bytes: number, ageDays = 10): PruneBlob => ({ sha256, bytes, mtime: NOW - ageDays * DAY })
const keys = (items: readonly { key: string }[]) => items.map((item) => item.key).sort()

describe('planPrune', () => {
  it('drops records unused for longer than olderThan, and the blobs only they used', () => {
    const records = [record('old', 40, { blob: 'a' }), record('new', 1, { blob: 'b' }), record('shares', 1, { blob: 'c' }), record('old2', 45, { blob: 'c' })]
    const plan = planPrune({ records, blobs: [blob('a', 1000), blob('b', 1000), blob('c', 1000)], temps: [] }, { olderThan: 30 * DAY, now: NOW })
    expect(keys(plan.deleteRecords)).toEqual(['old', 'old2'])
    expect(plan.deleteBlobs.map((b) => b.sha256)).toEqual(['a'])
    expect(plan.freedBytes).toBe(200 + 1000)
    expect(plan.remainingBytes).toBe(200 + 2000)
  })

  it('then drops least recently used first until records + blobs fit maxBytes', () => {
    const records = [record('r3', 3, { blob: 'c' }), record('r1', 1, { blob: 'a' }), record('r5', 5, { blob: 'e' }), record('r2', 2, { blob: 'b' })]
    const blobs = ['a', 'b', 'c', 'e'].map((sha) => blob(sha, 900))
    const plan = planPrune({ records, blobs, temps: [] }, { maxBytes: 2000, now: NOW })
    // 4 × (100 + 900) = 4000; dropping the two least recently used leaves 2000.
    expect(plan.deleteRecords.map((r) => r.key).sort()).toEqual(['r3', 'r5'])
    expect(plan.remainingBytes).toBe(2000)
    expect(plan.reasons).toEqual({ olderThan: 0, maxSize: 2, dangling: 0 })
  })

  it('counts a blob shared by two records once, and frees it only with the last of them', () => {
    const records = [record('x', 5, { blob: 's' }), record('y', 1, { blob: 's' })]
    const plan = planPrune({ records, blobs: [blob('s', 5000)], temps: [] }, { maxBytes: 5150, now: NOW })
    expect(keys(plan.deleteRecords)).toEqual(['x'])
    expect(plan.deleteBlobs).toEqual([])
    const all = planPrune({ records, blobs: [blob('s', 5000)], temps: [] }, { maxBytes: 10, now: NOW })
    expect(all.deleteBlobs.map((b) => b.sha256)).toEqual(['s'])
  })

  it('never drops an in-flight job record for size, only for age', () => {
    const job = record('job', 50, { namespace: 'job', bytes: 10_000 })
    const bySize = planPrune({ records: [job, record('chat', 1)], blobs: [], temps: [] }, { maxBytes: 0, now: NOW })
    expect(keys(bySize.deleteRecords)).toEqual(['chat'])
    const byAge = planPrune({ records: [job], blobs: [], temps: [] }, { olderThan: 30 * DAY, now: NOW })
    expect(keys(byAge.deleteRecords)).toEqual(['job'])
  })

  it('sweeps orphans and temp files only past the grace period', () => {
    const plan = planPrune(
      {
        records: [record('kept', 1, { blob: 'used' })],
        blobs: [blob('used', 10), blob('old-orphan', 20, 2), { sha256: 'young-orphan', bytes: 30, mtime: NOW - 60_000 }],
        temps: [{ path: '/c/tmp/old.part', mtime: NOW - 2 * 3_600_000, bytes: 7 }, { path: '/c/tmp/new.part', mtime: NOW - 1000, bytes: 9 }],
      },
      { now: NOW },
    )
    expect(plan.deleteRecords).toEqual([])
    expect(plan.deleteBlobs.map((b) => b.sha256)).toEqual(['old-orphan'])
    expect(plan.deleteTemps.map((t) => t.path)).toEqual(['/c/tmp/old.part'])
    expect(plan.freedBytes).toBe(27)
  })

  it('drops records whose blob is gone (they could never be served)', () => {
    const plan = planPrune({ records: [record('dangling', 1, { blob: 'gone' }), record('fine', 1)], blobs: [], temps: [] }, { now: NOW })
    expect(keys(plan.deleteRecords)).toEqual(['dangling'])
    expect(plan.reasons.dangling).toBe(1)
  })

  it('plans 100,000 records', () => {
    const records = Array.from({ length: 100_000 }, (_, i) => record(`k${i}`, i % 90, i % 3 === 0 ? { blob: `b${i % 5000}` } : {}))
    const blobs = Array.from({ length: 5000 }, (_, i) => blob(`b${i}`, 2048))
    const plan = planPrune({ records, blobs, temps: [] }, { olderThan: 60 * DAY, maxBytes: 5_000_000, now: NOW })
    expect(plan.remainingBytes).toBeLessThanOrEqual(5_000_000)
    expect(plan.deleteRecords.length).toBeGreaterThan(50_000)
  })
})

describe('planClear', () => {
  it('drops one kind and the blobs only it used, keeping job records', () => {
    const records = [record('i', 1, { blob: 'a' }), record('c', 1), record('j', 1, { namespace: 'job' }), record('v', 1, { namespace: 'video', blob: 'b' })]
    const plan = planClear({ records, blobs: [blob('a', 10), blob('b', 10)], temps: [] }, { namespaces: ['image'], now: NOW })
    expect(keys(plan.deleteRecords)).toEqual(['i'])
    expect(plan.deleteBlobs.map((b) => b.sha256)).toEqual(['a'])
    const all = planClear({ records, blobs: [blob('a', 10), blob('b', 10)], temps: [] }, { namespaces: ['chat', 'image', 'video'], now: NOW })
    expect(keys(all.deleteRecords)).toEqual(['c', 'i', 'v'])
  })
})
