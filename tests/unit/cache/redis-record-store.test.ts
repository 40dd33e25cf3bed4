import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CacheNamespace, CacheRecord } from '../../../src/cache/cache-records.js'
import { createMemoryRecordStore } from '../../../src/cache/memory-record-store.js'
import type { RecordQuery, RecordStore, StoredRecordMeta } from '../../../src/cache/record-store.js'
import { openRedisRecordStore } from '../../../src/cache/redis-record-store.js'
import { parseRedisUrl } from '../../../src/cache/redis-url.js'
import { freePort, redisMissing, startRedisServer, type RedisTestServer } from '../../support/redis-server.js'

const DAY = 86_400_000
const T0 = 1_700_000_000_000
const sha = (n: number) => n.toString(16).padStart(64, '0')
const chat = (at: number, text = 'hello'): CacheRecord => ({ kind: 'chat', provider: 'offline', model: 'm', createdAt: at, lastUsedAt: at, hits: 0, bytes: text.length, text })
const image = (at: number, ...blobs: number[]): CacheRecord => ({
  kind: 'image',
  provider: 'offline',
  model: 'm',
  createdAt: at,
  lastUsedAt: at,
  hits: 0,
  bytes: 100 * blobs.length,
  blobs: blobs.map((n) => ({ sha256: sha(n), bytes: 100, mediaType: 'image/png' })),
})

describe.skipIf(redisMissing !== undefined)(`Redis record store${redisMissing ? ` (skipped: ${redisMissing})` : ''}`, () => {
  let server: RedisTestServer
  let prefixes = 0
  beforeAll(async () => {
    server = await startRedisServer()
  })
  afterAll(async () => {
    await server?.stop()
  })
  const open = async (options: { ttls?: Record<string, number>; now?: () => number; warnings?: string[] } = {}) =>
    openRedisRecordStore({
      target: parseRedisUrl(server.url, 'REDIS_URL'),
      warn: (message) => options.warnings?.push(message),
      prefix: `t${++prefixes}`,
      ...(options.ttls && { ttls: options.ttls }),
      ...(options.now && { now: options.now }),
    })

  it('round-trips a record through Keyv under the vimax namespace, and deletes it', async () => {
    const store = await openRedisRecordStore({ target: parseRedisUrl(server.url, 'REDIS_URL'), warn: () => undefined })
    await store.set('chat', 'k1', chat(T0))
    expect(await store.get('chat', 'k1')).toEqual(chat(T0))
    expect(await server.command('EXISTS', 'vimax::chat:k1')).toBe('1')
    expect(await store.get('image', 'k1')).toBeUndefined()
    await store.delete('chat', 'k1')
    expect(await store.get('chat', 'k1')).toBeUndefined()
    expect(await server.command('EXISTS', 'vimax::chat:k1')).toBe('0')
    await store.close()
  })

  it('writes a record with the TTL its kind has left, counted from when it was made', async () => {
    const now = T0 + 10 * DAY
    const store = await open({ ttls: { chat: 30 * DAY }, now: () => now })
    await store.set('chat', 'fresh', chat(T0))
    await store.set('image', 'forever', image(T0, 1))
    const left = Number(await server.command('PTTL', `t${prefixes}::chat:fresh`))
    expect(left).toBeGreaterThan(19 * DAY)
    expect(left).toBeLessThanOrEqual(20 * DAY)
    expect(await server.command('PTTL', `t${prefixes}::image:forever`)).toBe('-1')
    await store.close()
  })

  it('an expired record is a miss: Redis drops it, and stats, scan and prune no longer see it', async () => {
    const store = await open({ ttls: { chat: 300 } })
    const made = Date.now()
    await store.set('chat', 'short', chat(made))
    await store.set('image', 'img', image(made, 1))
    expect(await store.get('chat', 'short')).toBeDefined()
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(await store.get('chat', 'short')).toBeUndefined()
    const stats = await store.stats()
    expect(stats.namespaces.chat.entries).toBe(0)
    expect(stats.namespaces.image.entries).toBe(1)
    expect(await collect(store.scan())).toEqual([['image', 'img']])
    await store.close()
  })

  it('a lifetime shortened after the write makes an old record a miss at once', async () => {
    const writer = await open({ now: () => T0 + DAY })
    await writer.set('chat', 'old', chat(T0))
    await writer.close()
    const reader = await openRedisRecordStore({ target: parseRedisUrl(server.url, 'REDIS_URL'), warn: () => undefined, prefix: `t${prefixes}`, ttls: { chat: DAY / 2 }, now: () => T0 + DAY })
    expect(await reader.get('chat', 'old')).toBeUndefined()
    await reader.close()
  })

  it('answers stats, scan, deleteWhere, touchMany, blobRefs and referenced exactly as the reference store does', async () => {
    const redis = await open()
    const memory = createMemoryRecordStore()
    const rows: [CacheNamespace, string, CacheRecord][] = [
      ['chat', 'a', chat(T0 + 5)],
      ['chat', 'b', chat(T0 + 1, 'a longer answer')],
      ['image', 'a', image(T0 + 5, 1, 2)],
      ['image', 'c', image(T0 + 3, 2)],
      ['video', 'd', { kind: 'video', provider: 'offline', model: 'v', createdAt: T0 + 2, lastUsedAt: T0 + 9, hits: 3, bytes: 500, blob: { sha256: sha(3), bytes: 500, mediaType: 'video/mp4' } }],
      ['job', 'e', { kind: 'video', provider: 'offline', model: 'v', createdAt: T0, lastUsedAt: T0, hits: 0, bytes: 0, job: { id: 'job-1' } }],
    ]
    for (let n = 0; n < 30; n++) rows.push(['chat', `tie-${String(n).padStart(2, '0')}`, chat(T0 + 4)])
    for (const store of [redis, memory]) for (const [ns, key, record] of rows) await store.set(ns, key, record)

    const queries: RecordQuery[] = [
      {},
      { namespaces: ['chat'] },
      { excludeNamespaces: ['job'] },
      { lastUsedBefore: T0 + 5 },
      { lastUsedFrom: T0 + 4, lastUsedBefore: T0 + 9 },
      { after: { lastUsedAt: T0 + 4, createdAt: T0 + 4, namespace: 'chat', key: 'tie-10' } },
      { through: { lastUsedAt: T0 + 4, createdAt: T0 + 4, namespace: 'chat', key: 'tie-05' } },
      { blobs: [sha(2)] },
    ]
    for (const query of queries) {
      // Small batches: pages cut through the run of equal lastUsedAt.
      expect(await collect(redis.scan(query, { batch: 4 })), JSON.stringify(query)).toEqual(await collect(memory.scan(query, { batch: 4 })))
    }
    expect(counts(await redis.stats())).toEqual(counts(await memory.stats()))
    expect(sortUses(await flat(redis.blobRefs()))).toEqual(sortUses(await flat(memory.blobRefs())))
    expect(await redis.referenced([sha(1), sha(3), sha(9)])).toEqual(await memory.referenced([sha(1), sha(3), sha(9)]))

    const uses = [
      { key: 'a', lastUsedAt: T0 + 100 },
      { key: 'd', lastUsedAt: T0 + 1 }, // older than its record: never lowers
    ]
    expect(await redis.touchMany(uses)).toBe(await memory.touchMany(uses))
    expect(await collect(redis.scan({}))).toEqual(await collect(memory.scan({})))

    const doomed: RecordQuery = { excludeNamespaces: ['job'], through: { lastUsedAt: T0 + 4, createdAt: T0 + 4, namespace: 'chat', key: 'tie-20' } }
    expect(await redis.deleteWhere(doomed)).toBe(await memory.deleteWhere(doomed))
    expect(await collect(redis.scan({}))).toEqual(await collect(memory.scan({})))
    expect(await redis.deleteMany([{ namespace: 'image', key: 'a' }, { namespace: 'image', key: 'missing' }])).toBe(1)
    expect((await redis.verify()).ok).toBe(true)
    await redis.close()
  })

  it('an unreachable Redis leaves the store disabled with one warning, or throws E_CACHE_STORE_UNREACHABLE when required', async () => {
    const port = await freePort()
    const target = parseRedisUrl(`redis://:hunter22secret@127.0.0.1:${port}`, 'REDIS_URL')
    const warnings: string[] = []
    const store = await openRedisRecordStore({ target, warn: (message) => warnings.push(message) })
    expect(store.backend).toBe('disabled')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(`redis://127.0.0.1:${port}`)
    expect(warnings[0]).not.toContain('hunter22secret')
    await expect(openRedisRecordStore({ target, warn: () => undefined, required: true })).rejects.toMatchObject({ code: 'E_CACHE_STORE_UNREACHABLE' })
  })

  it('a server that goes away mid-run costs misses and one warning, never a throw', async () => {
    const own = await startRedisServer()
    const warnings: string[] = []
    const store = await openRedisRecordStore({ target: parseRedisUrl(own.url, 'REDIS_URL'), warn: (message) => warnings.push(message), timeoutMs: 500 })
    await store.set('chat', 'k', chat(T0))
    await own.stop()
    expect(await store.get('chat', 'k')).toBeUndefined()
    await store.set('chat', 'k2', chat(T0))
    expect(await store.deleteWhere({})).toBe(0)
    expect(warnings.filter((line) => line.includes('lost the connection'))).toHaveLength(1)
    await store.close()
  })
})

async function collect(scan: AsyncIterable<readonly StoredRecordMeta[]>): Promise<[string, string][]> {
  const out: [string, string][] = []
  for await (const page of scan) for (const record of page) out.push([record.namespace, record.key])
  return out
}

async function flat<T>(pages: AsyncIterable<readonly T[]>): Promise<T[]> {
  const out: T[] = []
  for await (const page of pages) out.push(...page)
  return out
}

const counts = (stats: Awaited<ReturnType<RecordStore['stats']>>) => Object.fromEntries(Object.entries(stats.namespaces).map(([ns, value]) => [ns, [value.entries, value.resultBytes]]))
const sortUses = (uses: { sha256: string; records: number }[]) => [...uses].sort((a, b) => a.sha256.localeCompare(b.sha256))
