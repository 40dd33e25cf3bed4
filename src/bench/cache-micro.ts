import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createBlobStore } from '../cache/blob-store.js'
import { readInventory } from '../cache/cache-inventory.js'
import { createCacheLayer } from '../cache/cache-layer.js'
import { cachePaths } from '../cache/cache-dir.js'
import { applyPrune } from '../cache/prune-apply.js'
import { planPrune } from '../cache/prune-plan.js'
import { openSqliteRecordStore } from '../cache/sqlite-record-store.js'
import type { ChatModel } from '../providers/types.js'
import { BENCH_MODEL, benchChatRequest, fillCache, type FillOptions } from './cache-fill.js'
import { spread, timed, type Spread } from './measure.js'
import { textTable } from './text-table.js'

export interface CacheBenchOptions {
  readonly records?: number
  readonly blobs?: number
  readonly blobBytes?: number
  readonly lookups?: number
  readonly repeats?: number
  /** Random source for picking keys; seeded so runs compare. */
  readonly random?: () => number
}

export interface LookupBench {
  readonly records: number
  /** `RecordStore.get` of a present key: Keyv over SQLite, JSON decode. Target: median < 1 ms. */
  readonly get: Spread
  /** A chat request answered by the cache layer: key, get, touch (a write). */
  readonly layerHit: Spread
}

export interface PruneBench {
  readonly records: number
  readonly repeats: number
  /** Per phase, over the repeats, ms: bulk read, pure plan, apply (deletes). Target: total < 5 s. */
  readonly read: Spread
  readonly plan: Spread
  readonly apply: Spread
  readonly total: Spread
  readonly deletedRecords: number
  readonly deletedBlobs: number
}

const DEFAULTS = { records: 100_000, blobs: 10_000, blobBytes: 2048, lookups: 10_000, repeats: 3 }

/** Fills a temp cache and times lookups of present keys, directly and through the layer. */
export async function measureLookups(options: CacheBenchOptions = {}): Promise<LookupBench> {
  const o = { ...DEFAULTS, ...options }
  const random = options.random ?? seededRandom(1)
  return withTempCache(async (dir) => {
    const filled = await fillCache(dir, fillOptions(o))
    const records = await openSqliteRecordStore({ file: cachePaths(dir).records, warn: (m) => console.error(m) })
    try {
      const pick = () => Math.floor(random() * filled.chatKeys.length)
      for (let i = 0; i < 200; i++) await records.get('chat', filled.chatKeys[pick()]!) // warm the page cache
      const gets: number[] = []
      for (let i = 0; i < o.lookups; i++) {
        const key = filled.chatKeys[pick()]!
        const { value, ms } = await timed(() => records.get('chat', key))
        if (value === undefined) throw new Error(`bench: key ${key} missing`)
        gets.push(ms)
      }
      const never: ChatModel = { ...BENCH_MODEL, generate: async () => Promise.reject(new Error('bench: the layer missed')) }
      const chat = createCacheLayer({ records, blobs: createBlobStore(dir), warn: () => undefined }).chat(never)
      const hits: number[] = []
      for (let i = 0; i < Math.min(o.lookups, 2_000); i++) {
        const request = benchChatRequest(filled.chatIndices[pick()]!)
        hits.push((await timed(() => chat.generate(request))).ms)
      }
      return { records: o.records, get: spread(gets), layerHit: spread(hits) }
    } finally {
      await records.close()
    }
  })
}

/** Plans and applies a prune to half the size of a full cache, on a fresh copy each repeat. */
export async function measurePrune(options: CacheBenchOptions = {}): Promise<PruneBench> {
  const o = { ...DEFAULTS, ...options }
  const phases = { read: [] as number[], plan: [] as number[], apply: [] as number[], total: [] as number[] }
  let deletedRecords = 0
  let deletedBlobs = 0
  for (let repeat = 0; repeat < o.repeats; repeat++) {
    await withTempCache(async (dir) => {
      await fillCache(dir, fillOptions(o))
      const records = await openSqliteRecordStore({ file: cachePaths(dir).records, warn: (m) => console.error(m) })
      const blobs = createBlobStore(dir)
      try {
        const read = await timed(() => readInventory({ records, blobs }))
        const totalBytes = read.value.records.reduce((t, r) => t + r.bytes, 0) + read.value.blobs.reduce((t, b) => t + b.bytes, 0)
        const plan = await timed(async () => planPrune(read.value, { maxBytes: Math.floor(totalBytes / 2), olderThan: 60 * 86_400_000, now: Date.now() }))
        const apply = await timed(() => applyPrune(plan.value, { records, blobs }))
        phases.read.push(read.ms)
        phases.plan.push(plan.ms)
        phases.apply.push(apply.ms)
        phases.total.push(read.ms + plan.ms + apply.ms)
        deletedRecords = apply.value.records
        deletedBlobs = apply.value.blobs
      } finally {
        await records.close()
      }
    })
  }
  return {
    records: o.records,
    repeats: o.repeats,
    read: spread(phases.read),
    plan: spread(phases.plan),
    apply: spread(phases.apply),
    total: spread(phases.total),
    deletedRecords,
    deletedBlobs,
  }
}

export function formatCacheBench(lookups: LookupBench, prune: PruneBench): string {
  const ms = (value: number) => (value < 10 ? value.toFixed(3) : value.toFixed(0))
  const row = (name: string, s: Spread, target: string) => [name, String(s.n), ms(s.median), ms(s.p95), ms(s.min), ms(s.max), target]
  const table = textTable(
    ['measure (ms)', 'n', 'median', 'p95', 'min', 'max', 'target'],
    [
      row(`record get, ${lookups.records.toLocaleString('en')} records`, lookups.get, '< 1'),
      row('chat hit through the layer', lookups.layerHit, ''),
      row(`prune: read ${prune.records.toLocaleString('en')} records + blobs`, prune.read, ''),
      row('prune: plan', prune.plan, ''),
      row(`prune: apply (${prune.deletedRecords} records, ${prune.deletedBlobs} blobs)`, prune.apply, ''),
      row('prune: total', prune.total, '< 5000'),
    ],
    ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
  )
  return table
}

async function withTempCache<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-bench-cache-'))
  try {
    return await work(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function fillOptions(o: typeof DEFAULTS): FillOptions {
  return { records: o.records, blobs: o.blobs, blobBytes: o.blobBytes, now: Date.now() }
}

/** mulberry32: a few lines, good enough to pick keys reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const number = (flag: string) => {
    const index = argv.indexOf(flag)
    return index === -1 ? undefined : Number(argv[index + 1])
  }
  const options: CacheBenchOptions = {
    ...(number('--records') !== undefined && { records: number('--records')! }),
    ...(number('--lookups') !== undefined && { lookups: number('--lookups')! }),
    ...(number('--repeats') !== undefined && { repeats: number('--repeats')! }),
  }
  const lookups = await measureLookups(options)
  const prune = await measurePrune(options)
  if (argv.includes('--json')) process.stdout.write(`${JSON.stringify({ lookups, prune })}\n`)
  else process.stdout.write(`${formatCacheBench(lookups, prune)}\n`)
}

// Run as a script (`node dist/bench/cache-micro.js`), not when imported by `vimax bench`.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
