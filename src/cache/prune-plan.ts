import type { CacheNamespace } from './cache-records.js'
import { positionOf } from './record-query.js'
import type { LruPosition, RecordQuery, RecordStore } from './record-store.js'
import { createRefCount } from './ref-count.js'

export interface PruneBlob {
  readonly sha256: string
  readonly bytes: number
  readonly mtime: number
}

export interface PruneTemp {
  readonly path: string
  readonly mtime: number
  readonly bytes?: number
}

export interface PrunePolicy {
  /** Records not used for this long go (job records too: a job this old will not finish). */
  readonly olderThan?: number | undefined
  /** Then least-recently-used results go until records + the blobs they use fit. */
  readonly maxBytes?: number | undefined
  readonly now: number
  /**
   * Unreferenced blobs and temp files younger than this are left alone: another vimax process
   * may be between writing a blob and the record that points to it. @default 1 hour
   */
  readonly graceMs?: number
}

/** The files side of a cache: the blob store's listing (only these two of its methods are used). */
export interface PruneFiles<B extends PruneBlob, T extends PruneTemp> {
  list(): Promise<readonly B[]>
  listTemps(): Promise<readonly T[]>
  /**
   * False when the listing may lack blobs that still exist: a local copy of S3, or a folder whose
   * records live in a shared store (Redis) that other machines' blobs answer to. Then no record is
   * dangling — deleting it would make the whole team pay again. @default true
   */
  readonly complete?: boolean
}

export interface PruneInput<B extends PruneBlob, T extends PruneTemp> {
  readonly records: RecordStore
  readonly files: PruneFiles<B, T>
}

export interface PrunePlan<B extends PruneBlob = PruneBlob, T extends PruneTemp = PruneTemp> {
  /** The records that go, as queries the store deletes by: never a list of every key. */
  readonly selections: readonly RecordQuery[]
  /** How many records the selections held when planned, and their own bytes. */
  readonly records: number
  readonly recordBytes: number
  readonly deleteBlobs: B[]
  readonly deleteTemps: T[]
  readonly freedBytes: number
  readonly remainingBytes: number
  /** Why records go: unused for too long, over the size limit, or pointing at a blob that is gone. */
  readonly reasons: { readonly olderThan: number; readonly maxSize: number; readonly dangling: number }
}

const HOUR = 3_600_000

/**
 * What `cache prune` deletes, decided without deleting anything (so `--dry-run` is the same
 * code), streaming: the store answers with reference counts, totals and ordered scans, and only
 * the blobs' reference counts are held in memory — records are counted as they pass. Records
 * first: dangling ones (their blob is gone), then those unused for `olderThan`, then least
 * recently used until the total fits `maxBytes` — never an in-flight `job:` record, which stands
 * for a paid job. Then mark and sweep: blobs no remaining record points at, and half-written
 * temp files, once they are older than the grace period.
 */
export async function planPrune<B extends PruneBlob, T extends PruneTemp>(input: PruneInput<B, T>, policy: PrunePolicy): Promise<PrunePlan<B, T>> {
  const ledger = await createRefCount(input)
  const { records } = input
  const selections: RecordQuery[] = []
  const reasons = { olderThan: 0, maxSize: 0, dangling: 0 }
  if (ledger.missing.size > 0) {
    const query = { blobs: [...ledger.missing] }
    selections.push(query)
    for await (const batch of records.scan(query)) for (const record of batch) reasons.dangling += ledger.drop(record)
  }
  const cutoff = policy.olderThan === undefined ? undefined : policy.now - policy.olderThan
  if (cutoff !== undefined) {
    const query = { lastUsedBefore: cutoff }
    selections.push(query)
    for await (const batch of records.scan(query)) for (const record of batch) if (!ledger.dangling(record)) reasons.olderThan += ledger.drop(record)
  }
  if (policy.maxBytes !== undefined && ledger.total() > policy.maxBytes) {
    const base: RecordQuery = { excludeNamespaces: ['job'], ...(cutoff === undefined ? {} : { lastUsedFrom: cutoff }) }
    let through: LruPosition | undefined
    scanning: for await (const batch of records.scan(base)) {
      for (const record of batch) {
        if (ledger.total() <= policy.maxBytes) break scanning
        through = positionOf(record)
        if (!ledger.dangling(record)) reasons.maxSize += ledger.drop(record)
      }
    }
    if (through !== undefined) selections.push({ ...base, through })
  }
  return ledger.sweep(policy.now - (policy.graceMs ?? HOUR), selections, reasons)
}

/** What `cache clear` deletes: every record of the given namespaces, then the same sweep. */
export async function planClear<B extends PruneBlob, T extends PruneTemp>(
  input: PruneInput<B, T>,
  policy: { readonly namespaces: readonly CacheNamespace[]; readonly now: number; readonly graceMs?: number },
): Promise<PrunePlan<B, T>> {
  const ledger = await createRefCount(input)
  const query = { namespaces: policy.namespaces }
  for await (const batch of input.records.scan(query)) for (const record of batch) ledger.drop(record)
  return ledger.sweep(policy.now - (policy.graceMs ?? HOUR), [query], { olderThan: 0, maxSize: 0, dangling: 0 })
}
