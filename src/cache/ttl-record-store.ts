import type { CacheNamespace } from './cache-records.js'
import { TTL_KINDS, ttlLeft, type CacheTtls } from './cache-ttl.js'
import type { RecordAddress, RecordStore } from './record-store.js'

const SWEEP_EVERY_MS = 60_000

/**
 * Lifetimes over a store that has no expiry of its own (SQLite): an expired record is a miss on
 * read and is never written, and every bulk operation first deletes the expired ones, so stats,
 * prune and clear never count them. Expiry counts from `createdAt`, as on Redis; since
 * `lastUsedAt >= createdAt`, whatever was last used before the cut-off is expired, and of the rest
 * only the records made before it are — those are found by one streamed pass.
 */
export function withTtls(store: RecordStore, ttls: CacheTtls, now: () => number = Date.now): RecordStore {
  const kinds = TTL_KINDS.filter((kind) => ttls[kind] !== undefined)
  if (kinds.length === 0) return store
  const expired = (namespace: CacheNamespace, createdAt: number) => {
    const left = ttlLeft(ttls, namespace, { createdAt }, now())
    return left !== undefined && left <= 0
  }
  // One sweep serves a whole maintenance command (prune scans several times); a long-lived caller sweeps again a minute on.
  let sweptAt = -Infinity
  async function sweep(): Promise<void> {
    if (now() - sweptAt < SWEEP_EVERY_MS) return
    sweptAt = now()
    for (const kind of kinds) {
      const cutoff = now() - ttls[kind]!
      await store.deleteWhere({ namespaces: [kind], lastUsedBefore: cutoff })
      const doomed: RecordAddress[] = []
      for await (const page of store.scan({ namespaces: [kind], lastUsedFrom: cutoff })) {
        for (const record of page) if (record.meta.createdAt < cutoff) doomed.push({ namespace: record.namespace, key: record.key })
      }
      if (doomed.length > 0) await store.deleteMany(doomed)
    }
  }
  const swept = async <T>(op: () => Promise<T>): Promise<T> => {
    await sweep()
    return op()
  }
  return {
    backend: store.backend,
    async get(namespace, key) {
      const record = await store.get(namespace, key)
      if (record === undefined || !expired(namespace, record.createdAt)) return record
      await store.delete(namespace, key)
      return undefined
    },
    async set(namespace, key, record) {
      return expired(namespace, record.createdAt) ? store.delete(namespace, key) : store.set(namespace, key, record)
    },
    delete: (namespace, key) => store.delete(namespace, key),
    list: (namespace) => swept(() => store.list(namespace)),
    listMeta: (namespace) => swept(() => store.listMeta(namespace)),
    deleteMany: (addresses) => store.deleteMany(addresses),
    stats: () => swept(() => store.stats()),
    async *scan(query, options) {
      await sweep()
      yield* store.scan(query, options)
    },
    deleteWhere: (query) => swept(() => store.deleteWhere(query)),
    touchMany: (uses) => store.touchMany(uses),
    async *blobRefs() {
      await sweep()
      yield* store.blobRefs()
    },
    referenced: (digests) => swept(() => store.referenced(digests)),
    verify: (options) => store.verify(options),
    reclaim: (options) => store.reclaim(options),
    close: () => store.close(),
  }
}
