import type { BlobRef, CacheNamespace, CacheRecord, RecordMeta } from './cache-records.js'
import { emptyRecordStats } from './record-query.js'

export { createMemoryRecordStore } from './memory-record-store.js'
export { toMeta } from './record-query.js'

export interface StoredRecord {
  readonly namespace: CacheNamespace
  readonly key: string
  readonly record: CacheRecord
  /** Bytes the record itself takes in the store (its serialised length). */
  readonly size: number
}

/** A record without its payload (answer text, job state): all prune, clear and stats need, read fast. */
export interface StoredRecordMeta {
  readonly namespace: CacheNamespace
  readonly key: string
  readonly meta: RecordMeta
  readonly blobs: readonly BlobRef[]
  readonly size: number
}

export interface RecordAddress {
  readonly namespace: CacheNamespace
  readonly key: string
}

/** A record's place in least-recently-used order: (lastUsedAt, createdAt, namespace, key), ascending. */
export interface LruPosition {
  readonly lastUsedAt: number
  readonly createdAt: number
  readonly namespace: CacheNamespace
  readonly key: string
}

/**
 * Which records a bulk operation means; every condition given must hold (AND), none given means all.
 * Backend-neutral on purpose: SQLite turns it into a WHERE clause, Redis into sorted-set ranges.
 */
export interface RecordQuery {
  readonly namespaces?: readonly CacheNamespace[]
  readonly excludeNamespaces?: readonly CacheNamespace[]
  /** lastUsedAt < this. */
  readonly lastUsedBefore?: number
  /** lastUsedAt >= this. */
  readonly lastUsedFrom?: number
  /** Strictly after this position in LRU order (to resume a scan). */
  readonly after?: LruPosition
  /** At or before this position in LRU order (what an LRU prune drops). */
  readonly through?: LruPosition
  /** Records pointing at one or more of these blob digests. */
  readonly blobs?: readonly string[]
}

export interface NamespaceStats {
  readonly entries: number
  /** The records' own size in the store (key + serialised value, characters). */
  readonly recordBytes: number
  /** Sum of the records' `bytes`: the results' size (text, or the media they point at). */
  readonly resultBytes: number
}

export interface RecordStats {
  readonly namespaces: Readonly<Record<CacheNamespace, NamespaceStats>>
  /** What the store takes where it lives (SQLite: file + WAL), when the backend can tell. */
  readonly storeBytes?: number
}

/** A distinct blob digest and how many records point at it. */
export interface BlobUse {
  readonly sha256: string
  readonly records: number
}

/** The ledger's witness of a key's use; `touchMany` raises a record's `lastUsedAt` to it, never lowers it. */
export interface LastUse {
  readonly key: string
  readonly lastUsedAt: number
}

export interface StoreCheck {
  readonly ok: boolean
  /** One line each, for a person; empty when ok. */
  readonly problems: readonly string[]
}

export interface Reclaimed {
  /** What was done: nothing (little free space), an incremental vacuum, or a full rewrite. */
  readonly method: 'none' | 'incremental' | 'vacuum'
  readonly beforeBytes: number
  readonly afterBytes: number
}

/**
 * key → small JSON record, per namespace. Reads and writes never throw: a cache that fails must
 * cost a run its speed, never its result, so implementations warn (once) and carry on uncached.
 *
 * Everything a maintenance command needs is asked of the store (aggregates, ordered streams,
 * deletion by query), so nothing above this interface reads every record into memory or
 * assumes SQL: a store with a million records answers `stats` without listing them.
 * docs: /work/notes/record-store-interface.md
 */
export interface RecordStore {
  /** "sqlite", "memory", "redis", or "disabled" when the store could not be opened. */
  readonly backend: string
  get(namespace: CacheNamespace, key: string): Promise<CacheRecord | undefined>
  set(namespace: CacheNamespace, key: string, record: CacheRecord): Promise<void>
  delete(namespace: CacheNamespace, key: string): Promise<void>
  /** Every record (or one namespace's) in one array: for tests and small stores; bulk work uses `scan`. */
  list(namespace?: CacheNamespace): Promise<StoredRecord[]>
  /** Like `list` without the payloads. */
  listMeta(namespace?: CacheNamespace): Promise<StoredRecordMeta[]>
  /** Deletes in chunks, each chunk one transaction; returns how many went. */
  deleteMany(addresses: readonly RecordAddress[]): Promise<number>
  /** Per-namespace entries and bytes, aggregated by the store (never by reading every record out). */
  stats(): Promise<RecordStats>
  /** The records a query selects, without payloads, in LRU order, in batches of at most `batch` (default 1,000). */
  scan(query?: RecordQuery, options?: { readonly batch?: number }): AsyncIterable<readonly StoredRecordMeta[]>
  /** Deletes every record the query selects (the same set `scan` yields); returns how many went. */
  deleteWhere(query: RecordQuery): Promise<number>
  /** Raises `lastUsedAt` of every record with each key (any namespace) to the given time; never lowers it. Returns rows changed. */
  touchMany(uses: readonly LastUse[]): Promise<number>
  /** Every distinct blob digest records point at, with how many records point at each, in batches. */
  blobRefs(): AsyncIterable<readonly BlobUse[]>
  /** Which of these digests at least one record points at now. */
  referenced(digests: readonly string[]): Promise<Set<string>>
  /** The store's own consistency check (`thorough`: slower and complete); never throws. */
  verify(options?: { readonly thorough?: boolean }): Promise<StoreCheck>
  /** Gives space freed by deletions back to the system, when worth it (`force`: always). Never throws. */
  reclaim(options?: { readonly force?: boolean }): Promise<Reclaimed>
  close(): Promise<void>
}

/** A store that keeps nothing: what a run gets when the cache folder cannot be used. */
export function createDisabledRecordStore(): RecordStore {
  return {
    backend: 'disabled',
    get: async () => undefined,
    set: async () => undefined,
    delete: async () => undefined,
    list: async () => [],
    listMeta: async () => [],
    deleteMany: async () => 0,
    stats: async () => emptyRecordStats(),
    scan: async function* () {},
    deleteWhere: async () => 0,
    touchMany: async () => 0,
    blobRefs: async function* () {},
    referenced: async () => new Set<string>(),
    verify: async () => ({ ok: true, problems: [] }),
    reclaim: async () => ({ method: 'none', beforeBytes: 0, afterBytes: 0 }),
    close: async () => undefined,
  }
}
