import type { PruneBlob, PruneInput, PrunePlan, PruneTemp } from './prune-plan.js'
import type { RecordQuery, StoredRecordMeta } from './record-store.js'

/**
 * The bookkeeping of a prune: how many kept records point at each blob, and the running total
 * of records + the blobs they use. Memory grows with the number of distinct blobs, never with
 * the number of records: records are counted as they stream past, not kept.
 *
 * Order matters: record references are read before the blob files are listed. A record is
 * written after its blob (blob first, record last), so a digest missing from the listing that a
 * record named earlier is really gone, not in transit.
 */
export async function createRefCount<B extends PruneBlob, T extends PruneTemp>(input: PruneInput<B, T>) {
  const refs = new Map<string, number>()
  for await (const batch of input.records.blobRefs()) for (const use of batch) refs.set(use.sha256, use.records)
  const [blobs, temps] = await Promise.all([input.files.list(), input.files.listTemps()])
  const stats = await input.records.stats()

  const blobBytes = new Map<string, number>()
  for (const blob of blobs) blobBytes.set(blob.sha256, (blobBytes.get(blob.sha256) ?? 0) + blob.bytes)
  const missing = new Set(input.files.complete === false ? [] : [...refs.keys()].filter((sha) => !blobBytes.has(sha)))
  const sum = (values: readonly { bytes?: number }[]) => values.reduce((acc, value) => acc + (value.bytes ?? 0), 0)
  const recordTotal = Object.values(stats.namespaces).reduce((acc, ns) => acc + ns.recordBytes, 0)
  let total = recordTotal
  for (const sha of refs.keys()) total += blobBytes.get(sha) ?? 0
  let droppedRecords = 0
  let droppedBytes = 0
  const released = new Set<string>()

  return {
    /** Digests records point at whose file is gone. */
    missing,
    total: () => total,
    dangling: (record: StoredRecordMeta) => record.blobs.some((blob) => missing.has(blob.sha256)),
    /** Counts a record as deleted (each record is dropped at most once by the planner's scans); returns 1. */
    drop(record: StoredRecordMeta): number {
      droppedRecords++
      droppedBytes += record.size
      total -= record.size
      for (const sha of new Set(record.blobs.map((blob) => blob.sha256))) {
        const count = (refs.get(sha) ?? 1) - 1
        if (count > 0) refs.set(sha, count)
        else {
          refs.delete(sha)
          released.add(sha)
          total -= blobBytes.get(sha) ?? 0
        }
      }
      return 1
    },
    /** Blobs released by this plan go at once; older orphans and temps only past the cutoff. */
    sweep(cutoff: number, selections: readonly RecordQuery[], reasons: PrunePlan['reasons']): PrunePlan<B, T> {
      const deleteBlobs = blobs.filter((blob) => !refs.has(blob.sha256) && (released.has(blob.sha256) || blob.mtime < cutoff))
      const deleteTemps = temps.filter((temp) => temp.mtime < cutoff)
      const freedBytes = droppedBytes + sum(deleteBlobs) + sum(deleteTemps)
      const allBytes = recordTotal + sum(blobs) + sum(temps)
      return { selections, records: droppedRecords, recordBytes: droppedBytes, deleteBlobs, deleteTemps, freedBytes, remainingBytes: allBytes - freedBytes, reasons }
    },
  }
}
