import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryLeaseStore, type LeaseStore } from '../../../src/cache/call-lease.js'
import { openLeaseStore } from '../../../src/cache/open-lease-store.js'
import { openRedisRecordStore } from '../../../src/cache/redis-record-store.js'
import { parseRedisUrl } from '../../../src/cache/redis-url.js'
import { openSqliteLeaseStore } from '../../../src/cache/sqlite-lease-store.js'
import { openSqliteRecordStore } from '../../../src/cache/sqlite-record-store.js'
import { redisMissing, startRedisServer, type RedisTestServer } from '../../support/redis-server.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0

/** The contract every lease store keeps; `expire` makes the current leases run out (a clock, or a real wait for Redis). */
function leaseContract(name: string, make: () => Promise<{ a: LeaseStore; b: LeaseStore; expire: () => Promise<void> }>) {
  describe(`${name} lease store`, () => {
    it('one holder at a time: the other process is refused until the holder releases', async () => {
      const { a, b } = await make()
      const first = await a.acquire('chat:k1', 60_000)
      expect(first.held).toBe(true)
      expect((await b.acquire('chat:k1', 60_000)).held).toBe(false)
      expect((await b.acquire('chat:k2', 60_000)).held).toBe(true) // another key is another lease
      if (!first.held) throw new Error('unreachable')
      await a.release('chat:k1', first.token)
      expect((await b.acquire('chat:k1', 60_000)).held).toBe(true)
      await Promise.all([a.close(), b.close()])
    })

    it('only the token that took a lease renews or frees it', async () => {
      const { a, b } = await make()
      const grant = await a.acquire('image:k', 60_000)
      if (!grant.held) throw new Error('not held')
      expect(await b.renew('image:k', 'someone-else', 60_000)).toBe(false)
      await b.release('image:k', 'someone-else')
      expect((await b.acquire('image:k', 60_000)).held).toBe(false)
      expect(await a.renew('image:k', grant.token, 60_000)).toBe(true)
      await Promise.all([a.close(), b.close()])
    })

    it('a lease its holder stopped renewing (a killed run) is taken over once it expires, and the old holder can no longer free it', async () => {
      const { a, b, expire } = await make()
      const dead = await a.acquire('video:k', 150)
      if (!dead.held) throw new Error('not held')
      expect((await b.acquire('video:k', 60_000)).held).toBe(false)
      await expire()
      const taken = await b.acquire('video:k', 60_000)
      expect(taken.held).toBe(true)
      await a.release('video:k', dead.token) // too late: it is the new holder's now
      expect((await a.acquire('video:k', 60_000)).held).toBe(false)
      await Promise.all([a.close(), b.close()])
    })
  })
}

const clock = () => {
  let t = 1_700_000_000_000
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

leaseContract('memory', async () => {
  const time = clock()
  const store = createMemoryLeaseStore({ now: time.now })
  // One process: both "sides" are the same map, which is what a memory store shares.
  return { a: store, b: store, expire: async () => void time.advance(1_000) }
})

leaseContract('SQLite', async () => {
  const file = path.join(root, `sqlite-${++n}`, 'leases.sqlite')
  mkdirSync(path.dirname(file), { recursive: true })
  const time = clock()
  // Two connections to one file, as two processes have.
  return { a: openSqliteLeaseStore({ file, now: time.now }), b: openSqliteLeaseStore({ file, now: time.now }), expire: async () => void time.advance(1_000) }
})

describe('SQLite leases beside the records', () => {
  it('are never records: stats, list and scan do not see them', async () => {
    const file = path.join(root, `sqlite-${++n}`, 'cache.sqlite')
    const records = await openSqliteRecordStore({ file, warn: (m) => expect.fail(m) })
    const leases = await openLeaseStore(undefined, { file: path.join(path.dirname(file), 'leases.sqlite'), recordsBackend: records.backend, warn: (m) => expect.fail(m) })
    expect(leases?.backend).toBe('sqlite')
    expect((await leases!.acquire('chat:k', 60_000)).held).toBe(true)
    expect(await records.list()).toEqual([])
    expect((await records.stats()).namespaces.chat.entries).toBe(0)
    await Promise.all([records.close(), leases!.close()])
  })
})

describe.skipIf(redisMissing !== undefined)(`Redis leases${redisMissing ? ` (skipped: ${redisMissing})` : ''}`, () => {
  let server: RedisTestServer
  beforeAll(async () => {
    server = await startRedisServer()
  })
  afterAll(async () => {
    await server?.stop()
  })
  const target = () => parseRedisUrl(server.url, 'REDIS_URL')
  const openOne = async () => (await openLeaseStore({ redis: target(), required: false, ttls: {} }, { file: '', recordsBackend: 'redis', warn: (m) => expect.fail(m) }))!

  leaseContract('Redis', async () => ({
    a: await openOne(),
    b: await openOne(),
    // Redis expires keys by its own clock: wait past the 150 ms lease.
    expire: () => new Promise((resolve) => setTimeout(resolve, 400)),
  }))

  it('are never records: stats, list and scan do not see them', async () => {
    const records = await openRedisRecordStore({ target: target(), warn: (m) => expect.fail(m) })
    const leases = await openOne()
    expect(leases.backend).toBe('redis')
    expect((await leases.acquire('chat:k-not-a-record', 60_000)).held).toBe(true)
    expect(await records.list()).toEqual([])
    expect((await records.stats()).namespaces.chat.entries).toBe(0)
    let scanned = 0
    for await (const batch of records.scan()) scanned += batch.length
    expect(scanned).toBe(0)
    await Promise.all([records.close(), leases.close()])
  })
})
