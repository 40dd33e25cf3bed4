import type { CacheNamespace } from './cache-records.js'

export interface PruneRecord {
  readonly key: string
  readonly namespace: CacheNamespace
  /** The record's own size in the store. */
  readonly bytes: number
  /** The blobs it points at (their bytes are counted once, however many records share them). */
  readonly blobs: readonly { readonly sha256: string }[]
  readonly createdAt: number
  readonly lastUsedAt: number
}

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

export interface PruneInput<R extends PruneRecord, B extends PruneBlob, T extends PruneTemp> {
  readonly records: readonly R[]
  readonly blobs: readonly B[]
  readonly temps: readonly T[]
}

export interface PrunePlan<R extends PruneRecord = PruneRecord, B extends PruneBlob = PruneBlob, T extends PruneTemp = PruneTemp> {
  readonly deleteRecords: R[]
  readonly deleteBlobs: B[]
  readonly deleteTemps: T[]
  readonly freedBytes: number
  readonly remainingBytes: number
  /** Why records go: unused for too long, over the size limit, or pointing at a blob that is gone. */
  readonly reasons: { readonly olderThan: number; readonly maxSize: number; readonly dangling: number }
}

const HOUR = 3_600_000

/**
 * What `cache prune` deletes, decided without touching the disk (so `--dry-run` is the same
 * code). Records first: dangling ones (their blob is gone), then those unused for `olderThan`,
 * then least recently used until the total fits `maxBytes` — never an in-flight `job:` record,
 * which stands for a paid job. Then mark and sweep: blobs no remaining record points at, and
 * half-written temp files, once they are older than the grace period.
 */
export function planPrune<R extends PruneRecord, B extends PruneBlob, T extends PruneTemp>(
  input: PruneInput<R, B, T>,
  policy: PrunePolicy,
): PrunePlan<R, B, T> {
  const ledger = createRefLedger(input)
  const present = new Set(input.blobs.map((blob) => blob.sha256))
  let dangling = 0
  let older = 0
  let oversize = 0
  for (const record of input.records) {
    if (record.blobs.some((blob) => !present.has(blob.sha256))) {
      ledger.drop(record)
      dangling++
    }
  }
  if (policy.olderThan !== undefined) {
    const cutoff = policy.now - policy.olderThan
    for (const record of input.records) {
      if (!ledger.dropped(record) && record.lastUsedAt < cutoff) {
        ledger.drop(record)
        older++
      }
    }
  }
  if (policy.maxBytes !== undefined && ledger.total() > policy.maxBytes) {
    const candidates = input.records
      .filter((record) => record.namespace !== 'job' && !ledger.dropped(record))
      .sort((a, b) => a.lastUsedAt - b.lastUsedAt || a.createdAt - b.createdAt || (a.key < b.key ? -1 : 1))
    for (const record of candidates) {
      if (ledger.total() <= policy.maxBytes) break
      ledger.drop(record)
      oversize++
    }
  }
  return ledger.sweep(policy.now - (policy.graceMs ?? HOUR), { olderThan: older, maxSize: oversize, dangling })
}

/** What `cache clear` deletes: every record of the given namespaces, then the same sweep. */
export function planClear<R extends PruneRecord, B extends PruneBlob, T extends PruneTemp>(
  input: PruneInput<R, B, T>,
  policy: { readonly namespaces: readonly CacheNamespace[]; readonly now: number; readonly graceMs?: number },
): PrunePlan<R, B, T> {
  const ledger = createRefLedger(input)
  const namespaces = new Set(policy.namespaces)
  for (const record of input.records) if (namespaces.has(record.namespace)) ledger.drop(record)
  return ledger.sweep(policy.now - (policy.graceMs ?? HOUR), { olderThan: 0, maxSize: 0, dangling: 0 })
}

/** Reference counts of blobs by the records still kept, and the running total they make. */
function createRefLedger<R extends PruneRecord, B extends PruneBlob, T extends PruneTemp>(input: PruneInput<R, B, T>) {
  const blobBytes = new Map<string, number>()
  for (const blob of input.blobs) blobBytes.set(blob.sha256, (blobBytes.get(blob.sha256) ?? 0) + blob.bytes)
  const refs = new Map<string, number>()
  const unique = (record: PruneRecord) => new Set(record.blobs.map((blob) => blob.sha256))
  let total = 0
  for (const record of input.records) {
    total += record.bytes
    for (const sha of unique(record)) {
      const count = refs.get(sha) ?? 0
      if (count === 0) total += blobBytes.get(sha) ?? 0
      refs.set(sha, count + 1)
    }
  }
  const doomed = new Set<R>()
  const released = new Set<string>()

  return {
    total: () => total,
    dropped: (record: R) => doomed.has(record),
    drop(record: R) {
      if (doomed.has(record)) return
      doomed.add(record)
      total -= record.bytes
      for (const sha of unique(record)) {
        const count = (refs.get(sha) ?? 1) - 1
        if (count > 0) refs.set(sha, count)
        else {
          refs.delete(sha)
          released.add(sha)
          total -= blobBytes.get(sha) ?? 0
        }
      }
    },
    /** Blobs released by this plan go at once; older orphans and temps only past the cutoff. */
    sweep(cutoff: number, reasons: PrunePlan['reasons']): PrunePlan<R, B, T> {
      const deleteRecords = input.records.filter((record) => doomed.has(record))
      const deleteBlobs = input.blobs.filter((blob) => !refs.has(blob.sha256) && (released.has(blob.sha256) || blob.mtime < cutoff))
      const deleteTemps = input.temps.filter((temp) => temp.mtime < cutoff)
      const sum = (values: readonly { bytes?: number }[]) => values.reduce((acc, value) => acc + (value.bytes ?? 0), 0)
      const freedBytes = sum(deleteRecords) + sum(deleteBlobs) + sum(deleteTemps)
      const allBytes = sum(input.records) + sum(input.blobs) + sum(input.temps)
      return { deleteRecords, deleteBlobs, deleteTemps, freedBytes, remainingBytes: allBytes - freedBytes, reasons }
    },
  }
}
