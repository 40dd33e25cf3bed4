import KeyvRedis, { type RedisClientConnectionType } from '@keyv/redis'
import Keyv, { type DeserializedData } from 'keyv'
import { CACHE_NAMESPACES, isCacheRecord, type CacheRecord } from './cache-records.js'
import { ttlLeft, type CacheTtls } from './cache-ttl.js'
import { emptyRecordStats, toMeta } from './record-query.js'
import { createDisabledRecordStore, type RecordStore, type StoredRecord, type StoredRecordMeta } from './record-store.js'
import { blobUses, deleteAddresses, deleteMatching, referencedOf, scanIndex, statsOf, sweepExpired, touchKeys, type RedisBulkContext } from './redis-bulk.js'
import { isConnectionLost } from './connection-lost.js'
import { connectRedis, errorText, unreachableError, withTimeout, type RedisClient } from './redis-connect.js'
import { encodeMeta, fieldOf, INDEX_DELETE, INDEX_SET, memberOf, redisKeys } from './redis-index.js'
import type { RedisTarget } from './redis-url.js'

export interface RedisRecordStoreOptions {
  readonly target: RedisTarget
  readonly warn: (message: string) => void
  /** Lifetimes per kind, counted from each record's `createdAt`. */
  readonly ttls?: CacheTtls
  /** `cache.required`: unreachable at open throws (exit 2) instead of running uncached. */
  readonly required?: boolean
  /** Keyv namespace: every key the store writes starts with it. @default "vimax" */
  readonly prefix?: string
  /** Longest wait to connect, and for any one command. @default 3 s */
  readonly timeoutMs?: number
  readonly now?: () => number
}

/**
 * Records in Redis through Keyv and `@keyv/redis`, under the Keyv namespace `vimax`, each written
 * with the TTL its kind has left (so Redis itself forgets it). An index beside the records
 * (`redis-index.ts`) answers stats, prune and clear by ranges and cursors, never KEYS.
 *
 * Wrong credentials fail the open (exit 2): no retry fixes them. A server that cannot be reached
 * at open leaves the run uncached with one warning (or fails it, with `required`). Lost mid-run,
 * every read is a miss and every write is skipped — one warning per kind of failure, never a
 * crash — until the client's reconnection finds it again.
 */
export async function openRedisRecordStore(options: RedisRecordStoreOptions): Promise<RecordStore> {
  const { target, warn } = options
  const connection = await connectRedis(target, options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs })
  if (!connection.ok) {
    if (options.required) throw unreachableError(target, connection.reason)
    warn(`cache: cannot reach Redis at ${target.shown} (${connection.reason}); continuing without a cache`)
    return createDisabledRecordStore()
  }
  return wrap(connection.client, options)
}

function wrap(client: RedisClient, options: RedisRecordStoreOptions): RecordStore {
  const { target, warn } = options
  const now = options.now ?? Date.now
  const ttls = options.ttls ?? {}
  const prefix = options.prefix ?? 'vimax'
  const timeoutMs = options.timeoutMs ?? 3_000
  const keys = redisKeys(prefix)
  const adapter = new KeyvRedis<string>(client as unknown as RedisClientConnectionType, { namespace: prefix, throwOnErrors: true, throwOnConnectError: true })
  const keyv = new Keyv<CacheRecord>({
    store: adapter,
    namespace: prefix,
    useKeyPrefix: false,
    throwOnErrors: true,
    serialize: (data) => JSON.stringify(data),
    deserialize: <Value>(text: string) => JSON.parse(text) as DeserializedData<Value>,
  })
  const warned = new Set<string>()
  const warnOnce = (error: unknown, what: string) => {
    const reason = target.redactor.redact(errorText(error))
    const lost = isConnectionLost(reason)
    const topic = lost ? 'lost' : `${what}:${reason}`
    if (warned.has(topic)) return
    warned.add(topic)
    warn(
      lost
        ? `cache: lost the connection to Redis at ${target.shown} (${reason}); results are not cached until it is back`
        : `cache: could not ${what} a record in Redis at ${target.shown} (${reason}); that result is not cached`,
    )
  }
  // Keyv's (and the adapter's) error events: each kind surfaced once, never thrown at the process.
  keyv.on('error', (error: unknown) => warnOnce(error, 'use'))
  const ctx: RedisBulkContext = { client, keys, now }

  async function guard<T>(what: string, fallback: T, op: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(op(), timeoutMs * 10, `from Redis at ${target.shown}`)
    } catch (error) {
      warnOnce(error, what)
      return fallback
    }
  }
  const swept = async () => {
    await sweepExpired(ctx)
  }

  const store: RecordStore = {
    backend: 'redis',
    get: (namespace, key) =>
      guard('read', undefined, async () => {
        const value = await withTimeout(keyv.get(fieldOf(namespace, key)), timeoutMs, 'reading')
        if (!isCacheRecord(value)) return undefined
        // A lifetime shortened since the record was written: expired now, whatever Redis was told.
        const left = ttlLeft(ttls, namespace, value, now())
        if (left !== undefined && left <= 0) {
          await store.delete(namespace, key)
          return undefined
        }
        return value
      }),
    set: (namespace, key, record) =>
      guard('write', undefined, async () => {
        const left = ttlLeft(ttls, namespace, record, now())
        if (left !== undefined && left <= 0) return store.delete(namespace, key)
        const field = fieldOf(namespace, key)
        const text = JSON.stringify({ value: record })
        await withTimeout(keyv.set(field, record, left === undefined ? undefined : Math.ceil(left)), timeoutMs, 'writing')
        const member = memberOf({ createdAt: record.createdAt, namespace, key })
        const meta = toMeta({ namespace, key, record, size: keys.record(field).length + text.length })
        const expiresAt = left === undefined ? 0 : now() + Math.ceil(left)
        await withTimeout(
          client.eval(INDEX_SET, { keys: [keys.lru, keys.meta, keys.exp], arguments: [field, member, String(record.lastUsedAt), encodeMeta({ member, expiresAt, record: meta }), String(expiresAt)] }),
          timeoutMs,
          'indexing',
        )
      }),
    delete: (namespace, key) =>
      guard('delete', undefined, async () => {
        const field = fieldOf(namespace, key)
        await keyv.delete(field)
        await client.eval(INDEX_DELETE, { keys: [keys.lru, keys.meta, keys.exp, keys.record(field)], arguments: [field, '0'] })
      }),
    list: (namespace) =>
      guard('list', [] as StoredRecord[], async () => {
        const out: StoredRecord[] = []
        for await (const page of store.scan(namespace === undefined ? {} : { namespaces: [namespace] })) {
          const values = await keyv.getMany(page.map((record) => fieldOf(record.namespace, record.key)))
          page.forEach((record, index) => {
            const value = values[index]
            if (isCacheRecord(value)) out.push({ namespace: record.namespace, key: record.key, record: value, size: record.size })
          })
        }
        return out
      }),
    listMeta: (namespace) =>
      guard('list', [] as StoredRecordMeta[], async () => {
        const out: StoredRecordMeta[] = []
        for await (const page of store.scan(namespace === undefined ? {} : { namespaces: [namespace] })) out.push(...page)
        return out
      }),
    deleteMany: (addresses) => guard('delete', 0, () => deleteAddresses(ctx, addresses)),
    stats: () =>
      guard('count', undefined, async () => {
        await swept()
        return statsOf(ctx)
      }).then((stats) => stats ?? emptyRecordStats()),
    async *scan(query = {}, scanOptions = {}) {
      try {
        await swept()
        yield* scanIndex(ctx, query, Math.max(1, scanOptions.batch ?? 1000))
      } catch (error) {
        warnOnce(error, 'list')
      }
    },
    deleteWhere: (query) =>
      guard('delete', 0, async () => {
        await swept()
        return deleteMatching(ctx, query)
      }),
    touchMany: (uses) => guard('update', 0, () => touchKeys(ctx, uses, CACHE_NAMESPACES)),
    async *blobRefs() {
      try {
        await swept()
        yield* blobUses(ctx)
      } catch (error) {
        warnOnce(error, 'list')
      }
    },
    referenced: (digests) =>
      guard('list', new Set<string>(), async () => {
        await swept()
        return referencedOf(ctx, digests)
      }),
    async verify() {
      try {
        const pong = await withTimeout(client.ping(), timeoutMs, 'waiting for PING')
        const [indexed, described] = await Promise.all([client.zCard(keys.lru), client.hLen(keys.meta)])
        const problems = [
          ...(pong === 'PONG' ? [] : [`PING answered ${String(pong)}`]),
          ...(indexed === described ? [] : [`the LRU index holds ${indexed} records but the meta hash ${described}`]),
        ]
        return { ok: problems.length === 0, problems }
      } catch (error) {
        return { ok: false, problems: [`cannot check Redis at ${target.shown}: ${target.redactor.redact(errorText(error))}`] }
      }
    },
    // Redis frees memory as keys are deleted; there is nothing to give back.
    reclaim: async () => ({ method: 'none', beforeBytes: 0, afterBytes: 0 }),
    async close() {
      try {
        await withTimeout(client.close(), timeoutMs, 'closing')
      } catch {
        client.destroy()
      }
    },
  }
  return store
}

