import type { CacheNamespace, CacheRecord } from './cache-records.js'
import { compareLru, emptyRecordStats, matchesQuery, positionOf, toMeta } from './record-query.js'
import type { BlobUse, NamespaceStats, RecordStore, StoredRecord, StoredRecordMeta } from './record-store.js'

/** The record-store contract in a Map, for unit tests and for a folder that does not exist yet. */
export function createMemoryRecordStore(): RecordStore {
  const rows = new Map<string, string>()
  const address = (namespace: CacheNamespace, key: string) => `${namespace}:${key}`
  const all = (namespace?: CacheNamespace): StoredRecord[] => {
    const out: StoredRecord[] = []
    for (const [stored, row] of rows) {
      const split = stored.indexOf(':')
      const ns = stored.slice(0, split) as CacheNamespace
      if (namespace !== undefined && ns !== namespace) continue
      out.push({ namespace: ns, key: stored.slice(split + 1), record: JSON.parse(row) as CacheRecord, size: stored.length + row.length })
    }
    return out
  }
  const metas = () => all().map(toMeta)

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
    list: async (namespace) => all(namespace),
    listMeta: async (namespace) => all(namespace).map(toMeta),
    async deleteMany(addresses) {
      let deleted = 0
      for (const { namespace, key } of addresses) if (rows.delete(address(namespace, key))) deleted++
      return deleted
    },
    async stats() {
      const stats = emptyRecordStats()
      const namespaces = stats.namespaces as Record<CacheNamespace, NamespaceStats>
      for (const { namespace, meta, size } of metas()) {
        const ns = namespaces[namespace]
        namespaces[namespace] = { entries: ns.entries + 1, recordBytes: ns.recordBytes + size, resultBytes: ns.resultBytes + meta.bytes }
      }
      return stats
    },
    async *scan(query = {}, options = {}) {
      const batch = Math.max(1, options.batch ?? 1000)
      const selected = metas()
        .filter((record) => matchesQuery(record, query))
        .sort((a, b) => compareLru(positionOf(a), positionOf(b)))
      for (let start = 0; start < selected.length; start += batch) yield selected.slice(start, start + batch)
    },
    async deleteWhere(query) {
      let deleted = 0
      for (const record of metas()) if (matchesQuery(record, query) && rows.delete(address(record.namespace, record.key))) deleted++
      return deleted
    },
    async touchMany(uses) {
      const latest = new Map<string, number>()
      for (const use of uses) latest.set(use.key, Math.max(use.lastUsedAt, latest.get(use.key) ?? -Infinity))
      let changed = 0
      for (const { namespace, key, record } of all()) {
        const at = latest.get(key)
        if (at === undefined || at <= record.lastUsedAt) continue
        rows.set(address(namespace, key), JSON.stringify({ ...record, lastUsedAt: at }))
        changed++
      }
      return changed
    },
    async *blobRefs() {
      const counts = new Map<string, number>()
      for (const record of metas()) for (const sha of new Set(record.blobs.map((blob) => blob.sha256))) counts.set(sha, (counts.get(sha) ?? 0) + 1)
      const uses: BlobUse[] = [...counts].map(([sha256, records]) => ({ sha256, records }))
      if (uses.length > 0) yield uses
    },
    async referenced(digests) {
      const wanted = new Set(digests)
      const found = new Set<string>()
      for (const record of metas()) for (const blob of record.blobs) if (wanted.has(blob.sha256)) found.add(blob.sha256)
      return found
    },
    verify: async () => ({ ok: true, problems: [] }),
    reclaim: async () => ({ method: 'none', beforeBytes: 0, afterBytes: 0 }),
    async close() {},
  }
}
