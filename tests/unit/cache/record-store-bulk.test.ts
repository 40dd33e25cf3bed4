import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createDisabledRecordStore, createMemoryRecordStore } from '../../../src/cache/record-store.js'
import { openSqliteRecordStore } from '../../../src/cache/sqlite-record-store.js'
import { bulkContract, keysOf } from '../../support/record-store-contract.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-bulk-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0

describe('record store bulk operations', () => {
  it('memory store keeps the bulk contract', async () => {
    await bulkContract(createMemoryRecordStore())
  })

  it('SQLite store keeps the bulk contract (counters, references and LRU index in SQL)', async () => {
    const store = await openSqliteRecordStore({ file: path.join(root, `bulk-${++n}.sqlite`), warn: (m) => expect.fail(m) })
    await bulkContract(store)
    await store.close()
  })

  it('a disabled store answers every bulk call with nothing', async () => {
    const store = createDisabledRecordStore()
    expect((await store.stats()).namespaces.chat.entries).toBe(0)
    expect(await keysOf(store, {})).toEqual([])
    expect(await store.deleteWhere({})).toBe(0)
    expect((await store.verify()).ok).toBe(true)
  })
})
