import { cachePaths } from '../../cache/cache-dir.js'
import { pruneCache, type PruneSummary } from '../../cache/prune-cache.js'
import type { RecordBackend } from '../../cache/record-backend.js'
import { formatBytes, parseSize } from '../../cache/size-units.js'
import { parseDuration } from '../../config/parse-duration.js'
import type { CliIo } from '../io.js'
import { jsonStyleWithDeprecated } from '../json-style.js'

export interface CachePruneFlags {
  /** Where the records live (`recordBackendOf`). @default the folder's SQLite file */
  readonly backend?: RecordBackend
  readonly cacheDir: string
  /** "30d", "12h": results not used for this long go. */
  readonly olderThan?: string
  /** "5GB", "500MB": then least recently used results go until the cache fits. */
  readonly maxSize?: string
  readonly dryRun?: boolean
  readonly json?: boolean
  /** Injected for tests; the clock decides what "older than" means. */
  readonly now?: () => number
}

/**
 * `vimax cache prune [--older-than 30d] [--max-size 5GB] [--dry-run] [--json]`. With neither limit
 * it still sweeps what is garbage anyway: orphan blobs, stale temp files, records whose blob is gone.
 */
export async function cachePruneCommand(flags: CachePruneFlags, io: CliIo): Promise<number> {
  // Flags first: a typo must fail before anything is read, let alone deleted.
  const olderThan = flags.olderThan === undefined ? undefined : parseDuration(flags.olderThan, '--older-than')
  const maxBytes = flags.maxSize === undefined ? undefined : parseSize(flags.maxSize, '--max-size')
  const now = (flags.now ?? Date.now)()
  const warn = (message: string) => io.stderr.write(`warning: ${message}\n`)
  const summary = await pruneCache({ cacheDir: flags.cacheDir, backend: flags.backend, ledgerFile: cachePaths(flags.cacheDir, io.env).ledger, olderThan, maxBytes, dryRun: flags.dryRun, now, warn })
  if (flags.json) io.stdout.write(`${JSON.stringify(jsonStyleWithDeprecated(summary))}\n`)
  else io.stdout.write(`${formatPrune(summary)}\n`)
  return 0
}

export function formatPrune(summary: PruneSummary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const what = `${plural(summary.records, 'record')}, ${plural(summary.blobs, 'blob')}, ${plural(summary.temps, 'temp file')}`
  if (summary.dryRun) {
    return `would delete ${what}: ${formatBytes(summary.freedBytes)} freed, ${formatBytes(summary.remainingBytes)} left (dry run: nothing deleted)`
  }
  const done = `deleted ${what}: ${formatBytes(summary.freedBytes)} freed, ${formatBytes(summary.remainingBytes)} left`
  const reclaimed = summary.reclaimed
  // The record file shrinks only when enough of it was freed to be worth a rewrite.
  if (reclaimed === undefined || reclaimed.method === 'none') return done
  return `${done}; record file ${formatBytes(reclaimed.beforeBytes)} → ${formatBytes(reclaimed.afterBytes)}`
}
