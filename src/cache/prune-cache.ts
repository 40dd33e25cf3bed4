import { existsSync } from 'node:fs'
import { openLedger } from '../ledger/open-ledger.js'
import { cachePaths } from './cache-dir.js'
import { openCacheStores } from './open-cache.js'
import type { RecordBackend } from './record-backend.js'
import { applyPrune } from './prune-apply.js'
import { planPrune, type PrunePlan } from './prune-plan.js'
import type { Reclaimed, RecordStore } from './record-store.js'

export interface PruneSummary {
  readonly dryRun: boolean
  readonly records: number
  readonly blobs: number
  readonly temps: number
  readonly freedBytes: number
  readonly remainingBytes: number
  readonly reasons: PrunePlan['reasons']
  /** What the record store gave back to the disk after deleting (absent on a dry run). */
  readonly reclaimed?: Reclaimed
}

/**
 * Fold the ledger's witness of use into the records, plan (streaming), then apply unless it is a
 * dry run. Last use is the later of the record's own stamp and the ledger's last call for the key.
 */
export async function pruneCache(options: {
  readonly cacheDir: string
  /** Where the records live (Redis or the folder's SQLite file). @default the folder's */
  readonly backend?: RecordBackend | undefined
  /** The cache's ledger, from `resolveCacheLocation`. @default the one inside `cacheDir` */
  readonly ledgerFile?: string | undefined
  readonly olderThan?: number | undefined
  readonly maxBytes?: number | undefined
  readonly dryRun?: boolean | undefined
  readonly now: number
  readonly warn: (message: string) => void
}): Promise<PruneSummary> {
  const stores = await openCacheStores({ cacheDir: options.cacheDir, warn: options.warn, ...(options.backend && { backend: options.backend }) })
  try {
    await foldLedgerUse(stores.records, options.ledgerFile ?? cachePaths(options.cacheDir).ledger, options.warn)
    // Only a folder holding both its records and every blob can tell a lost blob from one kept elsewhere.
    const complete = stores.records.backend !== 'redis' && stores.blobs.shared !== true
    const files = { list: () => stores.blobs.list(), listTemps: () => stores.blobs.listTemps(), complete }
    const plan = await planPrune({ records: stores.records, files }, { olderThan: options.olderThan, maxBytes: options.maxBytes, now: options.now })
    const done = options.dryRun
      ? { records: plan.records, blobs: plan.deleteBlobs.length, temps: plan.deleteTemps.length, freedBytes: plan.freedBytes }
      : await applyPrune(plan, stores)
    return { dryRun: Boolean(options.dryRun), ...done, remainingBytes: plan.remainingBytes, reasons: plan.reasons }
  } finally {
    await stores.close()
  }
}

/**
 * A record's own `lastUsedAt` is stamped best effort on each hit; the ledger is a second witness.
 * Raising the stamps (never lowering) before planning lets the store order by one column; it
 * changes no result, so a dry run does it too.
 */
async function foldLedgerUse(records: RecordStore, ledgerFile: string, warn: (message: string) => void): Promise<void> {
  if (records.backend === 'disabled' || !existsSync(ledgerFile)) return
  const ledger = openLedger(ledgerFile, { warn })
  try {
    for (const batch of ledger.lastUses()) await records.touchMany(batch)
  } finally {
    ledger.close()
  }
}
