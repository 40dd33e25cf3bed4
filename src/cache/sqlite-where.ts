import type { CacheNamespace } from './cache-records.js'
import type { LruPosition, RecordQuery } from './record-store.js'
import { CREATED, LAST_USED } from './sqlite-schema.js'

/** LRU order, as the `keyv_lru` index holds it; a stored key `<ns>:<key>` sorts as (namespace, key). */
export const LRU_ORDER = `${LAST_USED}, ${CREATED}, key`

export interface Where {
  readonly sql: string
  readonly params: unknown[]
}

const nsRange = (namespace: CacheNamespace) => ['(key >= ? AND key < ?)', `${namespace}:`, `${namespace};`] as const
const stored = (position: LruPosition) => `${position.namespace}:${position.key}`

/**
 * A `RecordQuery` as a WHERE clause with the same meaning as `matchesQuery`. The first-column
 * bound next to each row value lets SQLite seek the LRU index (it does not seek on a row value
 * over expressions by itself).
 */
export function whereOf(query: RecordQuery): Where {
  const clauses: string[] = [`${LAST_USED} IS NOT NULL`]
  const params: unknown[] = []
  const anyOf = (namespaces: readonly CacheNamespace[]) => {
    if (namespaces.length === 0) return '0'
    const parts = namespaces.map(nsRange)
    for (const [, from, to] of parts) params.push(from, to)
    return `(${parts.map(([sql]) => sql).join(' OR ')})`
  }
  if (query.namespaces !== undefined) clauses.push(anyOf(query.namespaces))
  if (query.excludeNamespaces !== undefined && query.excludeNamespaces.length > 0) clauses.push(`NOT ${anyOf(query.excludeNamespaces)}`)
  if (query.lastUsedBefore !== undefined) {
    clauses.push(`${LAST_USED} < ?`)
    params.push(query.lastUsedBefore)
  }
  if (query.lastUsedFrom !== undefined) {
    clauses.push(`${LAST_USED} >= ?`)
    params.push(query.lastUsedFrom)
  }
  if (query.after !== undefined) {
    clauses.push(`${LAST_USED} >= ?`, `(${LRU_ORDER}) > (?, ?, ?)`)
    params.push(query.after.lastUsedAt, query.after.lastUsedAt, query.after.createdAt, stored(query.after))
  }
  if (query.through !== undefined) {
    clauses.push(`${LAST_USED} <= ?`, `(${LRU_ORDER}) <= (?, ?, ?)`)
    params.push(query.through.lastUsedAt, query.through.lastUsedAt, query.through.createdAt, stored(query.through))
  }
  if (query.blobs !== undefined) {
    clauses.push('key IN (SELECT key FROM blob_refs WHERE sha256 IN (SELECT value FROM json_each(?)))')
    params.push(JSON.stringify(query.blobs))
  }
  return { sql: `WHERE ${clauses.join(' AND ')}`, params }
}
