import { existsSync } from 'node:fs'
import { openLedger } from '../ledger/open-ledger.js'
import { cachePaths } from './cache-dir.js'
import { readInventory } from './cache-inventory.js'
import { openCacheStores } from './open-cache.js'
import { applyPrune } from './prune-apply.js'
import { planPrune } from './prune-plan.js'

export interface PruneSummary {
  readonly dryRun: boolean
  readonly records: number
  readonly blobs: number
  readonly temps: number
  readonly freedBytes: number
  readonly remainingBytes: number
  readonly reasons: ReturnType<typeof planPrune>['reasons']
}

/**
 * Read the cache, plan (pure), then apply unless it is a dry run. Last use is the later of the
 * record's own stamp and the ledger's last call for the key.
 */
export async function pruneCache(options: {
  readonly cacheDir: string
  /** The cache's ledger, from `resolveCacheLocation`. @default the one inside `cacheDir` */
  readonly ledgerFile?: string | undefined
  readonly olderThan?: number | undefined
  readonly maxBytes?: number | undefined
  readonly dryRun?: boolean | undefined
  readonly now: number
  readonly warn: (message: string) => void
}): Promise<PruneSummary> {
  const stores = await openCacheStores({ cacheDir: options.cacheDir, warn: options.warn })
  try {
    const ledgerFile = options.ledgerFile ?? cachePaths(options.cacheDir).ledger
    const ledger = existsSync(ledgerFile) ? openLedger(ledgerFile, { warn: options.warn }) : undefined
    const lastUsed = ledger?.lastUsedByKey()
    ledger?.close()
    const inventory = await readInventory({ ...stores, ...(lastUsed && { lastUsed }) })
    const plan = planPrune(inventory, { olderThan: options.olderThan, maxBytes: options.maxBytes, now: options.now })
    const done = options.dryRun
      ? { records: plan.deleteRecords.length, blobs: plan.deleteBlobs.length, temps: plan.deleteTemps.length, freedBytes: plan.freedBytes }
      : await applyPrune(plan, stores)
    return { dryRun: Boolean(options.dryRun), ...done, remainingBytes: plan.remainingBytes, reasons: plan.reasons }
  } finally {
    await stores.close()
  }
}
