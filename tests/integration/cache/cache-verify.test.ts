import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { createBlobStore } from '../../../src/cache/blob-store.js'
import type { ChatRecord } from '../../../src/cache/cache-records.js'
import { openSqliteRecordStore } from '../../../src/cache/sqlite-record-store.js'
import { cacheVerifyCommand } from '../../../src/cli/commands/cache-verify.js'
import { openLedger } from '../../../src/ledger/open-ledger.js'
import { fillCache } from '../../../src/bench/cache-fill.js'
import { captureIo } from './fixture-cache.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-verify-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0
const dir = () => path.join(root, `cache-${++n}`)
/** A small cache with real blobs (named by their digest) and a ledger. */
async function smallCache(cacheDir: string): Promise<void> {
  await fillCache(cacheDir, { records: 200, blobs: 12, blobBytes: 256, now: Date.now() })
  openLedger(path.join(cacheDir, 'vimax.db'), { warn: () => undefined }).close()
}
const chat = (text: string): ChatRecord => ({ kind: 'chat', provider: 'p', model: 'm', createdAt: 1, lastUsedAt: 1, hits: 0, bytes: text.length, text })

/** Writes garbage over the b-tree header of a page in the middle of the file: a page only a full read reaches. */
function damageMiddlePage(file: string): void {
  const db = new Database(file, { readonly: true })
  const pageSize = db.pragma('page_size', { simple: true }) as number
  db.close()
  const pages = Math.floor(statSync(file).size / pageSize)
  const fd = openSync(file, 'r+')
  writeSync(fd, Buffer.alloc(64, 0xee), 0, 64, Math.floor(pages / 2) * pageSize)
  closeSync(fd)
}

describe('integrity checks run when asked, not on every open', () => {
  it('open does not run quick_check: a damaged page no statement reads goes unnoticed until verify, and the next open moves it aside', async () => {
    const folder = dir()
    const file = path.join(folder, 'cache.sqlite')
    const store = await openSqliteRecordStore({ file, warn: (m) => expect.fail(m) })
    for (let i = 0; i < 400; i++) await store.set('chat', `v1:${i}`, chat(`answer ${i} `.repeat(150)))
    await store.close()
    damageMiddlePage(file)

    const warnings: string[] = []
    const reopened = await openSqliteRecordStore({ file, warn: (m) => warnings.push(m) })
    expect(warnings).toEqual([]) // before: quick_check at open found it and moved the file aside
    expect(reopened.backend).toBe('sqlite')
    const check = await reopened.verify()
    expect(check.ok).toBe(false)
    expect(check.problems.length).toBeGreaterThan(0)
    await reopened.close()

    // verify marked the file: the next open checks it, and moves it aside with one warning.
    const next = await openSqliteRecordStore({ file, warn: (m) => warnings.push(m) })
    expect(warnings).toHaveLength(1)
    expect(warnings[0], warnings[0]).toMatch(/damaged .*moved it to cache\.sqlite\.corrupt-/)
    expect(readdirSync(folder).some((name) => name.startsWith('cache.sqlite.corrupt-'))).toBe(true)
    expect((await next.stats()).namespaces.chat.entries).toBe(0)
    await next.close()
  })

  it('the ledger too: opened without quick_check, checked by verify, moved aside by the next open', () => {
    const file = path.join(dir(), 'vimax.db')
    openLedger(file, { warn: (m) => expect.fail(m) }).close()
    const db = new Database(file)
    db.exec("CREATE TABLE padding (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO padding SELECT printf('%.2000c', 'x') FROM n")
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
    damageMiddlePage(file)
    const warnings: string[] = []
    const ledger = openLedger(file, { warn: (m) => warnings.push(m) })
    expect(warnings).toEqual([])
    expect(ledger.enabled).toBe(true)
    expect(ledger.verify().ok).toBe(false)
    ledger.close()
    openLedger(file, { warn: (m) => warnings.push(m) }).close()
    expect(warnings).toEqual([expect.stringMatching(/damaged .*moved it to vimax\.db\.corrupt-/)])
  })

  it('vimax cache verify: a sound cache exits 0', async () => {
    const cacheDir = dir()
    await smallCache(cacheDir)
    const io = captureIo(root)
    expect(await cacheVerifyCommand({ cacheDir }, io)).toBe(0)
    expect(io.out()).toMatch(/^records \(sqlite\): ok$/m)
    expect(io.out()).toMatch(/^ledger: ok$/m)
    expect(io.out()).toMatch(/^blobs: \d+ files checked, all match their digest$/m)
  })

  it('vimax cache verify finds a damaged blob (exit 4, --json names its path)', async () => {
    const cacheDir = dir()
    await smallCache(cacheDir)
    const [victim] = await createBlobStore(cacheDir).list()
    writeFileSync(victim!.path, 'not the bytes this file is named after')
    const io = captureIo(root)
    expect(await cacheVerifyCommand({ cacheDir, json: true }, io)).toBe(4)
    const out = JSON.parse(io.out()) as { ok: boolean; blobs: { damaged: Array<{ path: string; sha256: string }> }; records: { ok: boolean } }
    expect(out.ok).toBe(false)
    expect(out.records.ok).toBe(true)
    expect(out.blobs.damaged).toEqual([expect.objectContaining({ path: victim!.path, sha256: victim!.sha256 })])
  })

  it('vimax cache verify finds a damaged record store and a damaged ledger (exit 4)', async () => {
    const cacheDir = dir()
    await smallCache(cacheDir)
    const records = await openSqliteRecordStore({ file: path.join(cacheDir, 'cache.sqlite'), warn: () => undefined })
    for (let i = 0; i < 300; i++) await records.set('chat', `v1:pad${i}`, chat('padding '.repeat(200)))
    await records.close()
    damageMiddlePage(path.join(cacheDir, 'cache.sqlite'))
    const ledgerFile = path.join(cacheDir, 'vimax.db')
    const db = new Database(ledgerFile)
    db.exec("CREATE TABLE padding (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO padding SELECT printf('%.2000c', 'x') FROM n")
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
    damageMiddlePage(ledgerFile)

    const io = captureIo(root)
    expect(await cacheVerifyCommand({ cacheDir }, io)).toBe(4)
    expect(io.out()).toMatch(/^records \(sqlite\): DAMAGED$/m)
    expect(io.out()).toMatch(/^ledger: DAMAGED$/m)
    expect(io.out()).toMatch(/^fix: the next vimax command moves a damaged database aside/m)
  })
})
