import { execFile } from 'node:child_process'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { createBlobStore } from '../cache/blob-store.js'
import { cachePaths } from '../cache/cache-dir.js'
import { cacheKey } from '../cache/cache-key.js'
import { readCacheStats } from '../cache/cache-stats.js'
import { applyPrune } from '../cache/prune-apply.js'
import { planPrune } from '../cache/prune-plan.js'
import { openSqliteRecordStore } from '../cache/sqlite-record-store.js'
import { BENCH_MODEL, benchChatRequest } from './cache-fill.js'
import { spread, timed, type Spread } from './measure.js'

/**
 * One cache operation in a process of its own, so its peak memory (`maxRSS`) is the operation's,
 * not the filler's: open + work + close, each as a real command would do it.
 */
export type ScaleOp = 'open' | 'stats' | 'plan' | 'lookup' | 'apply' | 'verify'

export interface ScaleResult {
  readonly op: ScaleOp
  /** The operation, from before the open to after the close. */
  readonly ms: number
  /** CPU time (user + system) of the operation, ms: on a loaded machine, closer to its cost alone than `ms`. */
  readonly cpuMs: number
  /** Peak resident memory of the process, MB. */
  readonly rssMb: number
  /** Per lookup, for `lookup`. */
  readonly lookups?: Spread
  readonly detail?: Record<string, number | string>
}

const DAY = 86_400_000

export async function runScaleOp(op: ScaleOp, dir: string, records: number): Promise<ScaleResult> {
  const warn = (message: string) => console.error(message)
  const files = createBlobStore(dir)
  let detail: Record<string, number | string> = {}
  let lookups: Spread | undefined
  // The size limit is half of what is there, as a person would pick it after `cache stats`: read untimed.
  const maxBytes = op === 'plan' || op === 'apply' ? Math.floor((await totalBytesOf(dir, warn, files)) / 2) : 0
  const cpu = process.cpuUsage()
  const { ms } = await timed(async () => {
    const store = await openSqliteRecordStore({ file: cachePaths(dir).records, warn })
    try {
      if (op === 'stats') {
        const stats = await readCacheStats({ records: store, files })
        detail = { entries: Object.values(stats.kinds).reduce((total, kind) => total + kind.entries, 0), orphans: stats.orphans.count }
      } else if (op === 'plan' || op === 'apply') {
        const plan = await planPrune({ records: store, files }, { olderThan: 60 * DAY, maxBytes, now: Date.now() })
        detail = { planned_records: plan.records, planned_blobs: plan.deleteBlobs.length }
        if (op === 'apply') {
          const done = await applyPrune(plan, { records: store, blobs: files })
          detail = { ...detail, deleted_records: done.records, reclaim: done.reclaimed.method, file_mb_before: mb(done.reclaimed.beforeBytes), file_mb_after: mb(done.reclaimed.afterBytes) }
        }
      } else if (op === 'lookup') {
        lookups = await timeLookups(store, records)
      } else if (op === 'verify') {
        const check = await store.verify()
        detail = { ok: String(check.ok) }
      }
    } finally {
      await store.close()
    }
  })
  // The machine's load while this ran: on a shared machine, times are that much longer than alone.
  const used = process.cpuUsage(cpu)
  return { op, ms, cpuMs: (used.user + used.system) / 1000, rssMb: process.resourceUsage().maxRSS / 1024, ...(lookups && { lookups }), detail: { ...detail, load: os.loadavg()[0]!.toFixed(1) } }
}

async function totalBytesOf(dir: string, warn: (message: string) => void, files: ReturnType<typeof createBlobStore>): Promise<number> {
  const store = await openSqliteRecordStore({ file: cachePaths(dir).records, warn })
  try {
    return (await readCacheStats({ records: store, files })).totalBytes
  } finally {
    await store.close()
  }
}

/** Keys re-derived from the fill's own recipe (chat is every i with i % 20 < 14), so no key list crosses processes. */
async function timeLookups(store: Awaited<ReturnType<typeof openSqliteRecordStore>>, records: number, count = 5_000): Promise<Spread> {
  let state = 1
  const random = () => ((state = (state * 48_271) % 2_147_483_647) / 2_147_483_647)
  const pick = () => {
    const i = Math.floor(random() * records)
    return i - (i % 20) + (i % 14)
  }
  const samples: number[] = []
  for (let n = 0; n < count + 200; n++) {
    const i = Math.min(pick(), records - 1)
    const key = cacheKey({ ...BENCH_MODEL, request: benchChatRequest(i) })
    const { value, ms } = await timed(() => store.get('chat', key))
    if (value === undefined && i % 20 < 14) throw new Error(`bench: chat record ${i} missing`)
    if (n >= 200) samples.push(ms) // the first few warm the page cache
  }
  return spread(samples)
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10

/** Runs `op` in a fresh node process (this same module, `--child`). */
export async function runScaleChild(op: ScaleOp, dir: string, records: number): Promise<ScaleResult> {
  const script = fileURLToPath(new URL('./cache-micro.js', import.meta.url))
  const { stdout } = await promisify(execFile)(process.execPath, [script, '--child', op, '--dir', dir, '--records', String(records)], { maxBuffer: 1 << 20 })
  return JSON.parse(stdout) as ScaleResult
}
