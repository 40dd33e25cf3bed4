import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createBlobStore } from '../cache/blob-store.js'
import { readCacheStats } from '../cache/cache-stats.js'
import { createCacheLayer } from '../cache/cache-layer.js'
import { cachePaths } from '../cache/cache-dir.js'
import { applyPrune } from '../cache/prune-apply.js'
import { planPrune } from '../cache/prune-plan.js'
import { openSqliteRecordStore } from '../cache/sqlite-record-store.js'
import type { ChatModel } from '../providers/types.js'
import { BENCH_MODEL, benchChatRequest, fillCache, type FillOptions } from './cache-fill.js'
import { runScaleChild, runScaleOp, type ScaleOp, type ScaleResult } from './cache-scale.js'
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
  /** Per phase, over the repeats, ms: stats read by the store, plan (streamed), apply (deletes, reclaim). Target: plan < 5 s. */
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
        const read = await timed(() => readCacheStats({ records, files: blobs }))
        const totalBytes = read.value.totalBytes
        const plan = await timed(() => planPrune({ records, files: blobs }, { maxBytes: Math.floor(totalBytes / 2), olderThan: 60 * 86_400_000, now: Date.now() }))
        const apply = await timed(() => applyPrune(plan.value, { records, blobs }))
        phases.read.push(read.ms)
        phases.plan.push(plan.ms)
        phases.apply.push(apply.ms)
        phases.total.push(plan.ms + apply.ms)
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
      row(`stats: ${prune.records.toLocaleString('en')} records + blobs`, prune.read, '< 2000'),
      row('prune: plan', prune.plan, '< 5000'),
      row(`prune: apply (${prune.deletedRecords} records, ${prune.deletedBlobs} blobs)`, prune.apply, ''),
      row('prune: plan + apply', prune.total, ''),
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

/** Per size: fill a temp cache once, then each operation in a process of its own (time and peak RSS). */
export async function measureScale(sizes: readonly number[], repeats = 3): Promise<Array<{ records: number; results: ScaleResult[] }>> {
  const out: Array<{ records: number; results: ScaleResult[] }> = []
  for (const records of sizes) {
    const results = await withTempCache(async (dir) => {
      await fillCache(dir, { records, blobs: Math.min(20_000, Math.max(100, Math.floor(records / 10))), blobBytes: 2048, now: Date.now(), keepKeys: false })
      const done: ScaleResult[] = []
      const ops: ScaleOp[] = ['open', 'stats', 'plan', 'lookup', 'verify']
      for (const op of ops) {
        const runs: ScaleResult[] = []
        for (let i = 0; i < (op === 'verify' ? 1 : repeats); i++) runs.push(await runScaleChild(op, dir, records))
        runs.sort((a, b) => a.ms - b.ms)
        done.push({ ...runs[Math.floor(runs.length / 2)]!, rssMb: Math.max(...runs.map((run) => run.rssMb)) })
      }
      done.push(await runScaleChild('apply', dir, records))
      return done
    })
    out.push({ records, results })
  }
  return out
}

const TARGETS: Partial<Record<ScaleOp, string>> = { stats: '< 2000 ms, < 200 MB', plan: '< 5000 ms, < 200 MB', lookup: 'get median < 1 ms' }

export function formatScale(scale: Awaited<ReturnType<typeof measureScale>>): string {
  const rows = scale.flatMap(({ records, results }) =>
    results.map((result) => [
      records.toLocaleString('en'),
      result.op,
      result.ms.toFixed(0),
      result.cpuMs.toFixed(0),
      result.lookups === undefined ? '' : `${result.lookups.median.toFixed(3)} / ${result.lookups.p95.toFixed(3)}`,
      result.rssMb.toFixed(0),
      TARGETS[result.op] ?? '',
      Object.entries(result.detail ?? {}).map(([k, v]) => `${k}=${v}`).join(' '),
    ]),
  )
  return textTable(
    ['records', 'operation (open → close)', 'wall ms', 'cpu ms', 'get median / p95 ms', 'peak RSS MB', 'target', 'detail'],
    rows,
    ['right', 'left', 'right', 'right', 'right', 'right', 'left', 'left'],
  )
}

async function main(argv: readonly string[]): Promise<void> {
  const value = (flag: string) => {
    const index = argv.indexOf(flag)
    return index === -1 ? undefined : argv[index + 1]
  }
  if (argv.includes('--child')) {
    const result = await runScaleOp(value('--child') as ScaleOp, value('--dir')!, Number(value('--records')))
    process.stdout.write(`${JSON.stringify(result)}\n`)
    return
  }
  // `--records 100000,1000000`: the sizes to fill; `--repeats n` per operation.
  const sizes = (value('--records') ?? '100000,1000000').split(',').map(Number)
  // One size at a time, printed as it finishes: the million-record fill alone takes minutes.
  for (const size of sizes) {
    const scale = await measureScale([size], Number(value('--repeats') ?? 3))
    if (argv.includes('--json')) process.stdout.write(`${JSON.stringify(scale[0])}\n`)
    else process.stdout.write(`${formatScale(scale)}\n`)
  }
}

// Run as a script (`node dist/bench/cache-micro.js`), not when imported by `vimax bench`.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
