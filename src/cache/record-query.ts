import { CACHE_NAMESPACES, recordBlobs, type CacheNamespace, type RecordMeta } from './cache-records.js'
import type { LruPosition, NamespaceStats, RecordQuery, RecordStats, StoredRecord, StoredRecordMeta } from './record-store.js'

/**
 * The meaning of a `RecordQuery` and of LRU order, in plain code: the memory store runs it as is,
 * and any other backend (SQLite, Redis) must select exactly what these functions select.
 */

export function toMeta({ namespace, key, record, size }: StoredRecord): StoredRecordMeta {
  const { kind, provider, model, createdAt, lastUsedAt, hits, bytes, costUsd } = record
  const meta: RecordMeta = { kind, provider, model, createdAt, lastUsedAt, hits, bytes, ...(costUsd === undefined ? {} : { costUsd }) }
  return { namespace, key, meta, blobs: recordBlobs(record), size }
}

export function positionOf(record: StoredRecordMeta): LruPosition {
  return { lastUsedAt: record.meta.lastUsedAt, createdAt: record.meta.createdAt, namespace: record.namespace, key: record.key }
}

const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Least recently used first; ties by creation, then namespace and key, so the order is total. */
export function compareLru(a: LruPosition, b: LruPosition): number {
  return a.lastUsedAt - b.lastUsedAt || a.createdAt - b.createdAt || text(a.namespace, b.namespace) || text(a.key, b.key)
}

export function matchesQuery(record: StoredRecordMeta, query: RecordQuery): boolean {
  const { namespace, meta } = record
  if (query.namespaces !== undefined && !query.namespaces.includes(namespace)) return false
  if (query.excludeNamespaces?.includes(namespace)) return false
  if (query.lastUsedBefore !== undefined && !(meta.lastUsedAt < query.lastUsedBefore)) return false
  if (query.lastUsedFrom !== undefined && !(meta.lastUsedAt >= query.lastUsedFrom)) return false
  const position = positionOf(record)
  if (query.after !== undefined && compareLru(position, query.after) <= 0) return false
  if (query.through !== undefined && compareLru(position, query.through) > 0) return false
  if (query.blobs !== undefined) {
    const wanted = new Set(query.blobs)
    if (!record.blobs.some((blob) => wanted.has(blob.sha256))) return false
  }
  return true
}

export function emptyRecordStats(): RecordStats {
  const zero = (): NamespaceStats => ({ entries: 0, recordBytes: 0, resultBytes: 0 })
  return { namespaces: Object.fromEntries(CACHE_NAMESPACES.map((ns) => [ns, zero()])) as Record<CacheNamespace, NamespaceStats> }
}
