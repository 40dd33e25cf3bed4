import type { HitRate } from '../ledger/ledger-types.js'
import { CACHE_NAMESPACES, type CacheNamespace } from './cache-records.js'
import type { CacheInventory } from './cache-inventory.js'

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
  /** From the ledger, over its most recent runs; absent without a ledger. */
  readonly hitRate?: HitRate
}

/** Pure: counts an inventory. Identical blobs shared by several records are counted once. */
export function computeCacheStats(inventory: CacheInventory, hitRate?: HitRate): CacheStats {
  const kinds = Object.fromEntries(CACHE_NAMESPACES.map((ns) => [ns, { entries: 0, bytes: 0 }])) as Record<CacheNamespace, { entries: number; bytes: number }>
  const referenced = new Set<string>()
  let recordBytes = 0
  for (const record of inventory.records) {
    const kind = kinds[record.namespace]
    kind.entries++
    kind.bytes += record.resultBytes
    recordBytes += record.bytes
    for (const blob of record.blobs) referenced.add(blob.sha256)
  }
  const orphanBlobs = inventory.blobs.filter((blob) => !referenced.has(blob.sha256))
  const sum = (items: readonly { bytes: number }[]) => items.reduce((total, item) => total + item.bytes, 0)
  const blobs = { count: inventory.blobs.length, bytes: sum(inventory.blobs) }
  const temps = { count: inventory.temps.length, bytes: sum(inventory.temps) }
  return {
    kinds,
    blobs,
    orphans: { count: orphanBlobs.length, bytes: sum(orphanBlobs) },
    temps,
    totalBytes: recordBytes + blobs.bytes + temps.bytes,
    ...(hitRate === undefined ? {} : { hitRate }),
  }
}
