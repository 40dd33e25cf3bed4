import type { HitRate } from '../ledger/ledger-types.js'
import { CACHE_NAMESPACES, type CacheNamespace } from './cache-records.js'
import type { PruneBlob, PruneFiles, PruneTemp } from './prune-plan.js'
import type { RecordStore } from './record-store.js'

export interface KindStats {
  readonly entries: number
  /** The results' own size: answer text, or the media the records point at. */
  readonly bytes: number
}

export interface CacheStats {
  readonly kinds: Readonly<Record<CacheNamespace, KindStats>>
  readonly blobs: { readonly count: number; readonly bytes: number }
  /** Blobs no record points at: left by a crash between blob and record, or by deleted records. */
  readonly orphans: { readonly count: number; readonly bytes: number }
  readonly temps: { readonly count: number; readonly bytes: number }
  /** Records' own size plus every blob and temp file: what the folder takes on disk, roughly. */
  readonly totalBytes: number
  /** What the record store itself occupies (SQLite: the file and its log), when the backend can tell. */
  readonly storeBytes?: number
  /** From the ledger, over its most recent runs; absent without a ledger. */
  readonly hitRate?: HitRate
}

/**
 * Counts a cache without reading its records: per-namespace totals come from the store's own
 * aggregate, orphans from its distinct blob references against the blob listing (memory grows
 * with the number of blobs, not records). Identical blobs shared by several records count once.
 */
export async function readCacheStats(
  stores: { readonly records: RecordStore; readonly files: PruneFiles<PruneBlob, PruneTemp> },
  hitRate?: HitRate,
): Promise<CacheStats> {
  const referenced = new Set<string>()
  for await (const batch of stores.records.blobRefs()) for (const use of batch) referenced.add(use.sha256)
  const [stored, blobList, tempList] = await Promise.all([stores.records.stats(), stores.files.list(), stores.files.listTemps()])
  const kinds = Object.fromEntries(
    CACHE_NAMESPACES.map((ns) => [ns, { entries: stored.namespaces[ns].entries, bytes: stored.namespaces[ns].resultBytes }]),
  ) as Record<CacheNamespace, KindStats>
  const recordBytes = CACHE_NAMESPACES.reduce((total, ns) => total + stored.namespaces[ns].recordBytes, 0)
  const sum = (items: readonly { bytes?: number }[]) => items.reduce((total, item) => total + (item.bytes ?? 0), 0)
  const orphanBlobs = blobList.filter((blob) => !referenced.has(blob.sha256))
  const blobs = { count: blobList.length, bytes: sum(blobList) }
  const temps = { count: tempList.length, bytes: sum(tempList) }
  return {
    kinds,
    blobs,
    orphans: { count: orphanBlobs.length, bytes: sum(orphanBlobs) },
    temps,
    totalBytes: recordBytes + blobs.bytes + temps.bytes,
    ...(stored.storeBytes === undefined ? {} : { storeBytes: stored.storeBytes }),
    ...(hitRate === undefined ? {} : { hitRate }),
  }
}
