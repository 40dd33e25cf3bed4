import { recordBlobs, type BlobRef, type CacheNamespace, type CacheRecord, type RecordMeta } from './cache-records.js'

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

/**
 * key → small JSON record, per namespace. Reads and writes never throw: a cache that fails must
 * cost a run its speed, never its result, so implementations warn (once) and carry on uncached.
 */
export interface RecordStore {
  /** "sqlite", "memory", or "disabled" when the store could not be opened. */
  readonly backend: string
  get(namespace: CacheNamespace, key: string): Promise<CacheRecord | undefined>
  set(namespace: CacheNamespace, key: string, record: CacheRecord): Promise<void>
  delete(namespace: CacheNamespace, key: string): Promise<void>
  /** Every record (or one namespace's), read in bulk for prune and stats. */
  list(namespace?: CacheNamespace): Promise<StoredRecord[]>
  /** Like `list` without the payloads: the store drops them before they are read out. */
  listMeta(namespace?: CacheNamespace): Promise<StoredRecordMeta[]>
  /** Deletes in chunks, each chunk one transaction; returns how many went. */
  deleteMany(addresses: readonly RecordAddress[]): Promise<number>
  close(): Promise<void>
}

/** The same contract in a Map, for unit tests and for a run that asked for no disk cache. */
export function createMemoryRecordStore(): RecordStore {
  const rows = new Map<string, string>()
  const address = (namespace: CacheNamespace, key: string) => `${namespace}:${key}`
  return {
    backend: 'memory',
    async get(namespace, key) {
      const row = rows.get(address(namespace, key))
      // Stored as text, like on disk, so a caller mutating a result cannot change the cache.
      return row === undefined ? undefined : (JSON.parse(row) as CacheRecord)
    },
    async set(namespace, key, record) {
      rows.set(address(namespace, key), JSON.stringify(record))
    },
    async delete(namespace, key) {
      rows.delete(address(namespace, key))
    },
    async list(namespace) {
      const out: StoredRecord[] = []
      for (const [stored, row] of rows) {
        const split = stored.indexOf(':')
        const ns = stored.slice(0, split) as CacheNamespace
        if (namespace !== undefined && ns !== namespace) continue
        out.push({ namespace: ns, key: stored.slice(split + 1), record: JSON.parse(row) as CacheRecord, size: row.length })
      }
      return out
    },
    async listMeta(namespace) {
      return (await this.list(namespace)).map(toMeta)
    },
    async deleteMany(addresses) {
      let deleted = 0
      for (const { namespace, key } of addresses) if (rows.delete(address(namespace, key))) deleted++
      return deleted
    },
    async close() {},
  }
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
    close: async () => undefined,
  }
}

export function toMeta({ namespace, key, record, size }: StoredRecord): StoredRecordMeta {
  const { kind, provider, model, createdAt, lastUsedAt, hits, bytes, costUsd } = record
  const meta: RecordMeta = { kind, provider, model, createdAt, lastUsedAt, hits, bytes, ...(costUsd === undefined ? {} : { costUsd }) }
  return { namespace, key, meta, blobs: recordBlobs(record), size }
}
