import type { BlobEntry, BlobStore, TempEntry } from './blob-store.js'
import type { PrunePlan, PruneRecord } from './prune-plan.js'
import type { RecordStore } from './record-store.js'

export interface PruneResult {
  readonly records: number
  readonly blobs: number
  readonly temps: number
  readonly freedBytes: number
}

const FILE_CONCURRENCY = 32

/**
 * Carries out a plan: records first (in chunked transactions), then the blobs and temp files. In
 * that order a record never points at a missing blob; a crash halfway leaves orphan blobs, which
 * the next prune collects.
 */
export async function applyPrune(
  plan: PrunePlan<PruneRecord, BlobEntry, TempEntry>,
  stores: { readonly records: RecordStore; readonly blobs: BlobStore },
): Promise<PruneResult> {
  const records = await stores.records.deleteMany(plan.deleteRecords.map(({ namespace, key }) => ({ namespace, key })))
  await forEachLimited(plan.deleteBlobs, (blob) => stores.blobs.remove(blob.path))
  await forEachLimited(plan.deleteTemps, (temp) => stores.blobs.remove(temp.path))
  return { records, blobs: plan.deleteBlobs.length, temps: plan.deleteTemps.length, freedBytes: plan.freedBytes }
}

async function forEachLimited<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(FILE_CONCURRENCY, items.length) }, worker))
}
