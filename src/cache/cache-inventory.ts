import type { BlobEntry, BlobStore, TempEntry } from './blob-store.js'
import type { CacheNamespace } from './cache-records.js'
import type { PruneRecord } from './prune-plan.js'
import type { RecordStore } from './record-store.js'

export interface InventoryRecord extends PruneRecord {
  /** The result's own size (text or media bytes), as the record states it. */
  readonly resultBytes: number
  readonly hits: number
}

/** Everything in a cache folder, as prune, clear and stats need it. */
export interface CacheInventory {
  readonly records: InventoryRecord[]
  readonly blobs: BlobEntry[]
  readonly temps: TempEntry[]
}

export interface InventoryOptions {
  readonly records: RecordStore
  readonly blobs: BlobStore
  readonly namespace?: CacheNamespace
  /**
   * Last use per key from the ledger. A record's own `lastUsedAt` is updated best effort on each
   * hit; the ledger is a second witness, and the later of the two counts.
   */
  readonly lastUsed?: ReadonlyMap<string, number>
}

/**
 * Records are read before blobs are listed: a record seen here had its blob written before it
 * (blob first, record last), so a blob missing from the listing is really gone, not in transit.
 */
export async function readInventory(options: InventoryOptions): Promise<CacheInventory> {
  const stored = await options.records.listMeta(options.namespace)
  const records = stored.map(({ namespace, key, meta, blobs, size }): InventoryRecord => {
    const ledgerUse = options.lastUsed?.get(key)
    return {
      key,
      namespace,
      bytes: size,
      blobs,
      createdAt: meta.createdAt,
      lastUsedAt: ledgerUse === undefined ? meta.lastUsedAt : Math.max(ledgerUse, meta.lastUsedAt),
      resultBytes: meta.bytes,
      hits: meta.hits,
    }
  })
  const [blobs, temps] = await Promise.all([options.blobs.list(), options.blobs.listTemps()])
  return { records, blobs, temps }
}
