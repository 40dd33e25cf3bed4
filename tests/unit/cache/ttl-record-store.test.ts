import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import type { CacheRecord } from '../../../src/cache/cache-records.js'
import { openRecordStore } from '../../../src/cache/open-record-store.js'
import { resolveRecordBackend } from '../../../src/cache/record-backend.js'

const DAY = 86_400_000
const T0 = 1_700_000_000_000
const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0

const chat = (createdAt: number, lastUsedAt = createdAt): CacheRecord => ({ kind: 'chat', provider: 'offline', model: 'm', createdAt, lastUsedAt, hits: 0, bytes: 5, text: 'hello' })
const job = (at: number): CacheRecord => ({ kind: 'video', provider: 'offline', model: 'v', createdAt: at, lastUsedAt: at, hits: 0, bytes: 0, job: { id: 'j' } })

describe('cache lifetimes on the SQLite store', () => {
  async function open(ttl: string | { chat?: string }, clock: { now: number }) {
    const file = path.join(root, `cache-${++n}.sqlite`)
    const backend = resolveRecordBackend({ cache: { ttl }, env: {} })
    const store = await openRecordStore(backend, { file, warn: () => undefined, now: () => clock.now })
    return { store, file }
  }
  const rows = (file: string) => {
    const db = new Database(file, { readonly: true })
    try {
      return (db.prepare('SELECT key FROM keyv ORDER BY key').all() as { key: string }[]).map((row) => row.key)
    } finally {
      db.close()
    }
  }

  it('an expired record is a miss, counted from when it was made however recently it was used', async () => {
    const clock = { now: T0 + DAY }
    const { store } = await open('10d', clock)
    await store.set('chat', 'a', chat(T0))
    expect(await store.get('chat', 'a')).toBeDefined()
    await store.set('chat', 'a', chat(T0, T0 + 9 * DAY)) // a hit on day 9 refreshes lastUsedAt only
    clock.now = T0 + 11 * DAY
    expect(await store.get('chat', 'a')).toBeUndefined()
    await store.close()
  })

  it('stats, scan and prune treat expired records as absent and delete them; jobs never expire', async () => {
    const clock = { now: T0 }
    const { store, file } = await open({ chat: '10d' }, clock)
    await store.set('chat', 'old-unused', chat(T0))
    await store.set('chat', 'old-but-used', chat(T0, T0 + 9 * DAY))
    await store.set('chat', 'young', chat(T0 + 5 * DAY))
    await store.set('job', 'started', job(T0))
    clock.now = T0 + 12 * DAY
    const stats = await store.stats()
    expect(stats.namespaces.chat.entries).toBe(1)
    expect(stats.namespaces.job.entries).toBe(1)
    const seen: string[] = []
    for await (const page of store.scan({})) for (const record of page) seen.push(`${record.namespace}:${record.key}`)
    expect(seen.sort()).toEqual(['chat:young', 'job:started'])
    expect(rows(file)).toEqual(['chat:young', 'job:started'])
    await store.close()
  })

  it('a result already past its lifetime is not written', async () => {
    const clock = { now: T0 + 20 * DAY }
    const { store, file } = await open('10d', clock)
    await store.set('chat', 'stale', chat(T0))
    expect(rows(file)).toEqual([])
    await store.close()
  })
})
