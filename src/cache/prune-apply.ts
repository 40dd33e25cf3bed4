import type { BlobEntry, BlobStore, TempEntry } from './blob-store.js'
import type { PrunePlan } from './prune-plan.js'
import type { Reclaimed, RecordStore } from './record-store.js'

export interface PruneResult {
  readonly records: number
  readonly blobs: number
  readonly temps: number
  readonly freedBytes: number
  /** What the record store gave back to the file system afterwards. */
  readonly reclaimed: Reclaimed
}

const FILE_CONCURRENCY = 32

/**
 * Carries out a plan: records first (by the plan's queries, each one transaction), then the blobs
 * and temp files, then the store gives the freed space back. In that order a record never
 * points at a missing blob; a crash halfway leaves orphan blobs, which the next prune collects.
 * A blob another run started using again since the plan was made is kept.
 */
export async function applyPrune(
  plan: PrunePlan<BlobEntry, TempEntry>,
  stores: { readonly records: RecordStore; readonly blobs: Pick<BlobStore, 'remove'> },
): Promise<PruneResult> {
  let records = 0
  for (const selection of plan.selections) records += await stores.records.deleteWhere(selection)
  const inUse = await stores.records.referenced(plan.deleteBlobs.map((blob) => blob.sha256))
  const blobs = plan.deleteBlobs.filter((blob) => !inUse.has(blob.sha256))
  await forEachLimited(blobs, (blob) => stores.blobs.remove(blob.path))
  await forEachLimited(plan.deleteTemps, (temp) => stores.blobs.remove(temp.path))
  const reclaimed = await stores.records.reclaim()
  return { records, blobs: blobs.length, temps: plan.deleteTemps.length, freedBytes: plan.freedBytes, reclaimed }
}

async function forEachLimited<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(FILE_CONCURRENCY, items.length) }, worker))
}
