import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ChatRecord } from '../../../src/cache/cache-records.js'
import { createMemoryRecordStore, type RecordStore } from '../../../src/cache/record-store.js'
import { openSqliteRecordStore } from '../../../src/cache/sqlite-record-store.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => {
  chmodSync(root, 0o700)
  rmSync(root, { recursive: true, force: true })
})
let n = 0
const dir = () => {
  const made = path.join(root, `store-${++n}`)
  mkdirSync(made)
  return made
}

const chat = (text: string, at = 1000): ChatRecord => ({ kind: 'chat', provider: 'p', model: 'm', createdAt: at, lastUsedAt: at, hits: 0, bytes: text.length, text })

async function contract(store: RecordStore) {
  await store.set('chat', 'v1:a', chat('alpha'))
  await store.set('image', 'v1:a', { ...chat(''), kind: 'image', blobs: [{ sha256: 'f'.repeat(64), bytes: 3, mediaType: 'image/png' }] } as never)
  expect(await store.get('chat', 'v1:a')).toMatchObject({ text: 'alpha' })
  expect(await store.get('video', 'v1:a')).toBeUndefined()
  expect((await store.list()).map((r) => r.namespace).sort()).toEqual(['chat', 'image'])
  expect(await store.list('chat')).toHaveLength(1)
  const metas = await store.listMeta()
  expect(metas.map((m) => [m.namespace, m.blobs.length]).sort()).toEqual([['chat', 0], ['image', 1]])
  expect(metas.find((m) => m.namespace === 'chat')!.meta).toEqual({ kind: 'chat', provider: 'p', model: 'm', createdAt: 1000, lastUsedAt: 1000, hits: 0, bytes: 5 })
  expect(JSON.stringify(metas)).not.toContain('alpha')
  expect(await store.deleteMany([{ namespace: 'chat', key: 'v1:a' }, { namespace: 'chat', key: 'v1:none' }])).toBe(1)
  await store.delete('image', 'v1:a')
  expect(await store.list()).toHaveLength(0)
}

describe('record stores', () => {
  it('memory and SQLite keep the same contract', async () => {
    await contract(createMemoryRecordStore())
    const sqlite = await openSqliteRecordStore({ file: path.join(dir(), 'cache.sqlite'), warn: () => undefined })
    expect(sqlite.backend).toBe('sqlite')
    await contract(sqlite)
    await sqlite.close()
  })

  it('keeps records across connections (a new process sees them)', async () => {
    const file = path.join(dir(), 'cache.sqlite')
    const a = await openSqliteRecordStore({ file, warn: () => undefined })
    await a.set('chat', 'v1:k', chat('kept'))
    await a.close()
    const b = await openSqliteRecordStore({ file, warn: () => undefined })
    expect(await b.get('chat', 'v1:k')).toMatchObject({ text: 'kept' })
    await b.close()
  })

  it('two connections writing at once never see "database is locked"', async () => {
    const file = path.join(dir(), 'cache.sqlite')
    const warnings: string[] = []
    const [a, b] = await Promise.all([0, 1].map(() => openSqliteRecordStore({ file, warn: (m) => warnings.push(m) })))
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? a! : b!).set('chat', `v1:${i}`, chat(`answer ${i}`))),
    )
    expect(await a!.list('chat')).toHaveLength(200)
    expect(await b!.get('chat', 'v1:7')).toMatchObject({ text: 'answer 7' })
    expect(warnings).toEqual([])
    await Promise.all([a!.close(), b!.close()])
  })

  it('moves a garbage cache.sqlite aside with one warning and starts fresh', async () => {
    const folder = dir()
    const file = path.join(folder, 'cache.sqlite')
    writeFileSync(file, 'this is not a database, just bytes '.repeat(200))
    const warnings: string[] = []
    const store = await openSqliteRecordStore({ file, warn: (m) => warnings.push(m), now: () => Date.UTC(2025, 0, 2, 3, 4, 5) })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/damaged .*moved it to cache\.sqlite\.corrupt-20250102T030405Z/)
    expect(existsSync(path.join(folder, 'cache.sqlite.corrupt-20250102T030405Z'))).toBe(true)
    await store.set('chat', 'v1:x', chat('fresh'))
    expect(await store.get('chat', 'v1:x')).toMatchObject({ text: 'fresh' })
    await store.close()
  })

  it('moves a truncated cache.sqlite aside and starts fresh', async () => {
    const folder = dir()
    const file = path.join(folder, 'cache.sqlite')
    const store = await openSqliteRecordStore({ file, warn: () => undefined })
    for (let i = 0; i < 300; i++) await store.set('chat', `v1:${i}`, chat('x'.repeat(2000)))
    await store.close()
    truncateSync(file, Math.floor(statSync(file).size / 2))
    const warnings: string[] = []
    const reopened = await openSqliteRecordStore({ file, warn: (m) => warnings.push(m) })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/damaged/)
    expect(readdirSync(folder).some((name) => name.startsWith('cache.sqlite.corrupt-'))).toBe(true)
    expect(reopened.backend).toBe('sqlite')
    expect(await reopened.list()).toHaveLength(0)
    await reopened.close()
  })

  it('a cache folder that cannot be made leaves the run uncached, with one warning', async () => {
    const blocker = path.join(dir(), 'not-a-folder')
    writeFileSync(blocker, 'x')
    const warnings: string[] = []
    const store = await openSqliteRecordStore({ file: path.join(blocker, 'cache.sqlite'), warn: (m) => warnings.push(m) })
    expect(store.backend).toBe('disabled')
    expect(warnings).toHaveLength(1)
    await store.set('chat', 'v1:x', chat('lost'))
    expect(await store.get('chat', 'v1:x')).toBeUndefined()
  })

  it.skipIf(process.getuid?.() === 0)('a read-only cache folder leaves the run uncached, with one warning', async () => {
    const folder = dir()
    chmodSync(folder, 0o500)
    const warnings: string[] = []
    const store = await openSqliteRecordStore({ file: path.join(folder, 'cache.sqlite'), warn: (m) => warnings.push(m) })
    expect(store.backend).toBe('disabled')
    expect(warnings).toHaveLength(1)
    chmodSync(folder, 0o700)
  })
})
