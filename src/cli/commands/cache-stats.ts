import { existsSync } from 'node:fs'
import { textTable } from '../../bench/text-table.js'
import { cachePaths } from '../../cache/cache-dir.js'
import { CACHE_NAMESPACES } from '../../cache/cache-records.js'
import { readCacheStats, type CacheStats } from '../../cache/cache-stats.js'
import { openCacheStores } from '../../cache/open-cache.js'
import type { RecordBackend } from '../../cache/record-backend.js'
import { formatBytes } from '../../cache/size-units.js'
import { openLedger } from '../../ledger/open-ledger.js'
import { formatUsd } from '../../util/format-usd.js'
import type { CliIo } from '../io.js'
import { jsonStyleWithDeprecated } from '../json-style.js'
import { plural } from '../../util/plural.js'

export interface CacheStatsFlags {
  /** Where the records live (`recordBackendOf`). @default the folder's SQLite file */
  readonly backend?: RecordBackend
  /** Resolved by the caller (`resolveCacheDir`). */
  readonly cacheDir: string
  readonly json?: boolean
  /** Runs the hit rate looks back over. @default 10 */
  readonly runs?: number
}

/** `vimax cache stats [--json]`: entries and bytes per kind, blobs, orphans, and the recent hit rate. */
export async function cacheStatsCommand(flags: CacheStatsFlags, io: CliIo): Promise<number> {
  const warn = (message: string) => io.stderr.write(`warning: ${message}\n`)
  const stores = await openCacheStores({ cacheDir: flags.cacheDir, warn, ...(flags.backend && { backend: flags.backend }) })
  let stats: CacheStats
  try {
    const ledgerFile = cachePaths(flags.cacheDir, io.env).ledger
    const ledger = existsSync(ledgerFile) ? openLedger(ledgerFile, { warn }) : undefined
    try {
      stats = await readCacheStats({ records: stores.records, files: stores.blobs }, ledger?.hitRate(flags.runs ?? 10))
    } finally {
      ledger?.close()
    }
  } finally {
    await stores.close()
  }
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(jsonStyleWithDeprecated({ cacheDir: flags.cacheDir, backend: stores.records.backend, ...stats }))}\n`)
    return 0
  }
  io.stdout.write(`${formatStats(flags.cacheDir, stats, stores.exists)}\n`)
  return 0
}

export function formatStats(cacheDir: string, stats: CacheStats, exists = true): string {
  const lines = [`cache ${cacheDir}${exists ? '' : ' (empty: nothing cached yet)'}`, '']
  const rows = CACHE_NAMESPACES.map((ns) => {
    const kind = stats.kinds[ns]
    return [ns === 'job' ? 'jobs in flight' : ns, String(kind.entries), ns === 'job' ? '' : formatBytes(kind.bytes)]
  })
  rows.push(
    ['blobs', String(stats.blobs.count), formatBytes(stats.blobs.bytes)],
    ['  orphans', String(stats.orphans.count), formatBytes(stats.orphans.bytes)],
    ['temp files', String(stats.temps.count), formatBytes(stats.temps.bytes)],
  )
  lines.push(textTable(['kind', 'entries', 'size'], rows, ['left', 'right', 'right']))
  lines.push('', `on disk: ${formatBytes(stats.totalBytes)}${stats.storeBytes === undefined ? '' : ` (record file ${formatBytes(stats.storeBytes)})`}`)
  const rate = stats.hitRate
  if (rate !== undefined && rate.calls > 0) {
    lines.push(
      `hit rate over the last ${rate.runs} run${rate.runs === 1 ? '' : 's'}: ${Math.round(rate.rate * 100)}% (${rate.cached} of ${rate.calls} calls from the cache)`,
      `money over those runs (estimated): ${formatUsd(rate.spentUsd)} spent${rate.unpriced > 0 ? ` + ${plural(rate.unpriced, 'call')} at unknown prices` : ''}, ${formatUsd(rate.savedUsd)} saved by cache hits`,
    )
  }
  if (stats.orphans.count > 0 || stats.temps.count > 0) lines.push('vimax cache prune removes orphans and stale temp files')
  return lines.join('\n')
}
