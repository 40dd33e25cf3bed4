import { expect } from 'vitest'
import type { CacheRecord } from '../../src/cache/cache-records.js'
import type { RecordStore } from '../../src/cache/record-store.js'

/**
 * The bulk half of the record-store contract (stats, scan order and queries, deleteWhere,
 * touchMany, blob references), run against every backend: memory, SQLite, and Redis.
 * Give it an empty store.
 */
const ref = (sha: string) => ({ sha256: sha, bytes: 5, mediaType: 'image/png' })
const base = (at: number, created = at) => ({ provider: 'p', model: 'm', createdAt: created, lastUsedAt: at, hits: 0 })
const chat = (at: number, text = 'hello'): CacheRecord => ({ ...base(at), kind: 'chat', bytes: text.length, text })
const image = (at: number, ...shas: string[]): CacheRecord => ({ ...base(at), kind: 'image', bytes: 5 * shas.length, blobs: shas.map(ref) })
const video = (at: number, sha: string, created = at): CacheRecord => ({ ...base(at, created), kind: 'video', bytes: 5, blob: ref(sha) })
const job = (at: number): CacheRecord => ({ ...base(at), kind: 'video', bytes: 0, job: { id: 'j', state: { big: 'x'.repeat(100) } } })

export async function keysOf(store: RecordStore, query: Parameters<RecordStore['scan']>[0], batch?: number): Promise<string[]> {
  const out: string[] = []
  for await (const records of store.scan(query, batch === undefined ? {} : { batch })) {
    expect(records.length).toBeLessThanOrEqual(batch ?? 1000)
    for (const record of records) out.push(`${record.namespace}:${record.key}`)
  }
  return out
}

export async function bulkContract(store: RecordStore) {
  await store.set('chat', 'v1:c1', chat(300))
  await store.set('chat', 'v1:c2', chat(100, 'longer answer'))
  await store.set('image', 'v1:i1', image(200, 'aa', 'bb', 'aa'))
  await store.set('video', 'v1:v1', video(200, 'bb', 150))
  await store.set('job', 'v1:v1', job(50))
  await store.set('video', 'v1:v0', video(200, 'cc', 150))

  const stats = await store.stats()
  expect(stats.namespaces.chat.entries).toBe(2)
  expect(stats.namespaces.chat.resultBytes).toBe(5 + 13)
  expect(stats.namespaces.video).toMatchObject({ entries: 2, resultBytes: 10 })
  expect(stats.namespaces.music).toEqual({ entries: 0, recordBytes: 0, resultBytes: 0 })
  const listed = await store.listMeta()
  for (const ns of ['chat', 'image', 'video', 'job'] as const) {
    expect(stats.namespaces[ns].recordBytes).toBe(listed.filter((r) => r.namespace === ns).reduce((t, r) => t + r.size, 0))
  }

  // LRU order: lastUsedAt, then createdAt, then namespace and key; payloads never read out.
  expect(await keysOf(store, {}, 2)).toEqual(['job:v1:v1', 'chat:v1:c2', 'video:v1:v0', 'video:v1:v1', 'image:v1:i1', 'chat:v1:c1'])
  const [first] = (await (async () => { for await (const b of store.scan({ namespaces: ['job'] })) return b })())!
  expect(JSON.stringify(first)).not.toContain('xxxx')
  expect(await keysOf(store, { lastUsedBefore: 200 })).toEqual(['job:v1:v1', 'chat:v1:c2'])
  expect(await keysOf(store, { lastUsedFrom: 200, excludeNamespaces: ['video'] })).toEqual(['image:v1:i1', 'chat:v1:c1'])
  const through = { lastUsedAt: 200, createdAt: 150, namespace: 'video' as const, key: 'v1:v0' }
  expect(await keysOf(store, { through })).toEqual(['job:v1:v1', 'chat:v1:c2', 'video:v1:v0'])
  expect(await keysOf(store, { after: through })).toEqual(['video:v1:v1', 'image:v1:i1', 'chat:v1:c1'])
  expect(await keysOf(store, { blobs: ['bb'] })).toEqual(['video:v1:v1', 'image:v1:i1'])
  expect(await keysOf(store, { namespaces: [] })).toEqual([])

  const uses = new Map<string, number>()
  for await (const batch of store.blobRefs()) for (const use of batch) uses.set(use.sha256, use.records)
  expect(Object.fromEntries(uses)).toEqual({ aa: 1, bb: 2, cc: 1 })
  expect([...(await store.referenced(['aa', 'zz', 'cc']))].sort()).toEqual(['aa', 'cc'])

  // touchMany raises across namespaces, never lowers.
  expect(await store.touchMany([{ key: 'v1:v1', lastUsedAt: 400 }, { key: 'v1:c1', lastUsedAt: 10 }])).toBe(2)
  expect((await store.get('job', 'v1:v1'))?.lastUsedAt).toBe(400)
  expect((await store.get('video', 'v1:v1'))?.lastUsedAt).toBe(400)
  expect((await store.get('chat', 'v1:c1'))?.lastUsedAt).toBe(300)

  // A result replaced keeps the counters and references right.
  await store.set('image', 'v1:i1', image(200, 'dd'))
  expect([...(await store.referenced(['aa', 'dd']))]).toEqual(['dd'])
  expect(await store.deleteWhere({ namespaces: ['video'], lastUsedBefore: 300 })).toBe(1)
  expect(await store.get('video', 'v1:v0')).toBeUndefined()
  expect((await store.stats()).namespaces.video.entries).toBe(1)
  expect(await store.referenced(['cc'])).toEqual(new Set())
  expect((await store.verify()).ok).toBe(true)
  expect((await store.reclaim()).method).toBeDefined()
}

