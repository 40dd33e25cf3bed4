import { CACHE_NAMESPACES, type CacheNamespace } from './cache-records.js'
import type { LruPosition, StoredRecordMeta } from './record-store.js'

/**
 * Beside each record (a Keyv key `<prefix>::<namespace>:<key>`), the store keeps three structures
 * so bulk work never lists the keyspace:
 *
 * - `<prefix>:lru`, a sorted set scored by `lastUsedAt` whose members are
 *   `<createdAt, 15 digits>:<namespace>:<key>`: Redis orders equal scores by member, so the set's
 *   own order is exactly LRU order (lastUsedAt, createdAt, namespace, key) and scans page by range;
 * - `<prefix>:meta`, a hash `<namespace>:<key>` → the record without its payload (what stats,
 *   prune and blob accounting read), so no answer text or job state is read in bulk;
 * - `<prefix>:exp`, a sorted set of expiry times: Redis drops an expired record by itself, and the
 *   next bulk operation sweeps its index entries.
 *
 * The names use one colon, so they never fall under Keyv's `<prefix>::*` (its own clear and iterator).
 */
export interface RedisKeys {
  readonly lru: string
  readonly meta: string
  readonly exp: string
  /** The Keyv key of a record, as the adapter spells it. */
  record(field: string): string
}

export function redisKeys(prefix: string): RedisKeys {
  return { lru: `${prefix}:lru`, meta: `${prefix}:meta`, exp: `${prefix}:exp`, record: (field) => `${prefix}::${field}` }
}

const NAMESPACES = new Set<string>(CACHE_NAMESPACES)

export const fieldOf = (namespace: CacheNamespace, key: string) => `${namespace}:${key}`

export function memberOf(position: Pick<LruPosition, 'createdAt' | 'namespace' | 'key'>): string {
  return `${String(Math.max(0, Math.trunc(position.createdAt))).padStart(15, '0')}:${position.namespace}:${position.key}`
}

/** A member and its score back to a position; `undefined` for anything not written by us. */
export function positionOfMember(member: string, score: number): LruPosition | undefined {
  const match = /^(\d{15}):([a-z]+):(.+)$/s.exec(member)
  if (!match || !NAMESPACES.has(match[2]!)) return undefined
  return { lastUsedAt: score, createdAt: Number(match[1]), namespace: match[2] as CacheNamespace, key: match[3]! }
}

/** What the meta hash holds per record: the index member (to move it) and the payload-free record. */
export interface MetaEntry {
  readonly member: string
  /** Expiry (epoch ms), 0 for none. */
  readonly expiresAt: number
  readonly record: StoredRecordMeta
}

export function encodeMeta(entry: MetaEntry): string {
  return JSON.stringify({ m: entry.member, e: entry.expiresAt, r: entry.record })
}

export function decodeMeta(text: string | null | undefined): MetaEntry | undefined {
  if (!text) return undefined
  try {
    const raw = JSON.parse(text) as { m?: unknown; e?: unknown; r?: StoredRecordMeta }
    if (typeof raw.m !== 'string' || typeof raw.r?.meta?.lastUsedAt !== 'number' || !Array.isArray(raw.r.blobs)) return undefined
    return { member: raw.m, expiresAt: typeof raw.e === 'number' ? raw.e : 0, record: raw.r }
  } catch {
    return undefined
  }
}

/**
 * Writes a record's index entries in one step (KEYS lru, meta, exp; ARGV field, member, score,
 * meta, expiresAt): the member it had before moves, so a record is in the LRU order exactly once.
 */
export const INDEX_SET = `
local old = redis.call('HGET', KEYS[2], ARGV[1])
if old then
  local ok, decoded = pcall(cjson.decode, old)
  if ok and decoded.m and decoded.m ~= ARGV[2] then redis.call('ZREM', KEYS[1], decoded.m) end
end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[4])
if ARGV[5] ~= '0' then redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1]) else redis.call('ZREM', KEYS[3], ARGV[1]) end
return 1`

/**
 * Removes a record and its index entries (KEYS lru, meta, exp, record; ARGV field); returns 1
 * when the record itself still existed. `onlyIfGone` = '1' leaves a live record alone (the sweep).
 */
export const INDEX_DELETE = `
if ARGV[2] == '1' and redis.call('EXISTS', KEYS[4]) == 1 then return 0 end
local old = redis.call('HGET', KEYS[2], ARGV[1])
if old then
  local ok, decoded = pcall(cjson.decode, old)
  if ok and decoded.m then redis.call('ZREM', KEYS[1], decoded.m) end
end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return redis.call('UNLINK', KEYS[4])`
