import Database from 'better-sqlite3'
import { CACHE_NAMESPACES, type CacheNamespace } from './cache-records.js'
import { emptyRecordStats } from './record-query.js'
import type { BlobUse, LastUse, NamespaceStats, RecordQuery, RecordStats, StoredRecordMeta } from './record-store.js'
import { fileBytes } from './sqlite-maintenance.js'
import { META_FIELDS, parseMetaFieldsRow } from './sqlite-rows.js'
import { LAST_USED, RECORD_TABLE } from './sqlite-schema.js'
import { LRU_ORDER, whereOf } from './sqlite-where.js'

const TABLE = RECORD_TABLE
const CHUNK = 5_000

/**
 * The record store's bulk side, over better-sqlite3: aggregates and deletions on the shared
 * connection, long reads (`scan`, `blobRefs`) each on a read-only connection of their own, so a
 * stream being read never blocks another statement and holds one consistent snapshot.
 */
export function createSqliteBulk(db: Database.Database, file: string, busyTimeoutMs: number) {
  const reader = () => new Database(file, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs })

  function stats(): RecordStats {
    const base = emptyRecordStats()
    const namespaces = { ...base.namespaces } as Record<CacheNamespace, NamespaceStats>
    const rows = db.prepare('SELECT ns, entries, record_bytes AS recordBytes, result_bytes AS resultBytes FROM record_counts').all() as Array<NamespaceStats & { ns: string }>
    for (const { ns, entries, recordBytes, resultBytes } of rows) {
      if ((CACHE_NAMESPACES as readonly string[]).includes(ns)) namespaces[ns as CacheNamespace] = { entries, recordBytes, resultBytes }
    }
    return { namespaces, storeBytes: fileBytes(file) }
  }

  async function* scan(query: RecordQuery = {}, batch = 1_000): AsyncGenerator<readonly StoredRecordMeta[]> {
    const { sql, params } = whereOf(query)
    const connection = reader()
    try {
      const rows = connection
        .prepare(
          `SELECT key, ${META_FIELDS} AS value, length(key) + length(value) AS size
           FROM ${TABLE} ${sql} ORDER BY ${LRU_ORDER}`,
        )
        .iterate(...params) as IterableIterator<{ key: string; value: string; size: number }>
      let out: StoredRecordMeta[] = []
      for (const row of rows) {
        out.push(...parseMetaFieldsRow(row))
        if (out.length >= batch) {
          yield out
          out = []
        }
      }
      if (out.length > 0) yield out
    } finally {
      connection.close()
    }
  }

  function deleteWhere(query: RecordQuery): number {
    const { sql, params } = whereOf(query)
    return db.transaction(() => db.prepare(`DELETE FROM ${TABLE} ${sql}`).run(...params).changes).immediate()
  }

  /** One statement per chunk: each use tried under every namespace's prefix, written only if it raises the stamp. */
  function touchMany(uses: readonly LastUse[]): number {
    const update = db.prepare(
      `UPDATE ${TABLE} SET value = json_set(value, '$.value.lastUsedAt', u.at)
       FROM (SELECT n.value || ':' || json_extract(j.value, '$[0]') AS stored, MAX(json_extract(j.value, '$[1]')) AS at
             FROM json_each(?) AS j, json_each(?) AS n GROUP BY 1) AS u
       WHERE ${TABLE}.key = u.stored AND ${LAST_USED} < u.at`,
    )
    const namespaces = JSON.stringify(CACHE_NAMESPACES)
    return db
      .transaction(() => {
        let changed = 0
        for (let start = 0; start < uses.length; start += CHUNK) {
          const chunk = uses.slice(start, start + CHUNK).map((use) => [use.key, use.lastUsedAt])
          changed += update.run(JSON.stringify(chunk), namespaces).changes
        }
        return changed
      })
      .immediate()
  }

  async function* blobRefs(batch = 5_000): AsyncGenerator<readonly BlobUse[]> {
    const connection = reader()
    try {
      const rows = connection.prepare('SELECT sha256, COUNT(*) AS records FROM blob_refs GROUP BY sha256').iterate() as IterableIterator<BlobUse>
      let out: BlobUse[] = []
      for (const row of rows) {
        out.push({ sha256: row.sha256, records: row.records })
        if (out.length >= batch) {
          yield out
          out = []
        }
      }
      if (out.length > 0) yield out
    } finally {
      connection.close()
    }
  }

  function referenced(digests: readonly string[]): Set<string> {
    const found = new Set<string>()
    const select = db.prepare('SELECT DISTINCT sha256 FROM blob_refs WHERE sha256 IN (SELECT value FROM json_each(?))').pluck()
    for (let start = 0; start < digests.length; start += CHUNK) {
      for (const sha of select.all(JSON.stringify(digests.slice(start, start + CHUNK))) as string[]) found.add(sha)
    }
    return found
  }

  return { stats, scan, deleteWhere, touchMany, blobRefs, referenced }
}

export type SqliteBulk = ReturnType<typeof createSqliteBulk>
