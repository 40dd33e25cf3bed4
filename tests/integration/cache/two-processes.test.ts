import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSqliteRecordStore } from '../../../src/cache/sqlite-record-store.js'
import { openLedger } from '../../../src/ledger/open-ledger.js'
import { ROOT } from '../../support/run-cli.js'

const dist = (file: string) => pathToFileURL(path.join(ROOT, 'dist', file)).href
const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist', 'cache', 'sqlite-record-store.js'))) throw new Error('dist/ is missing: run npm run build first (npm test does)')
})

/** A separate vimax process: its own SQLite connections, its own event loop. */
function child(script: string): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    let stdout = ''
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    proc.on('error', reject)
    proc.on('close', (code) => resolve({ code, stderr, stdout }))
  })
}

describe('two vimax processes sharing one cache folder', () => {
  it('write and read cache.sqlite at once without "database is locked"', async () => {
    const file = path.join(root, 'cache.sqlite')
    const writer = (name: string) => `
      import { openSqliteRecordStore } from '${dist('cache/sqlite-record-store.js')}'
      const store = await openSqliteRecordStore({ file: ${JSON.stringify(file)}, warn: (m) => console.error('WARN ' + m) })
      if (store.backend !== 'sqlite') throw new Error('store is ' + store.backend)
      let seen = 0
      for (let i = 0; i < 300; i++) {
        const at = Date.now()
        await store.set('chat', '${name}:' + i, { kind: 'chat', provider: 'p', model: 'm', createdAt: at, lastUsedAt: at, hits: 0, bytes: 5, text: 'hello ${name} ' + i })
        if (await store.get('chat', '${name}:' + i)) seen++
        await store.get('chat', '${name === 'a' ? 'b' : 'a'}:' + i)
      }
      await store.close()
      console.log(seen)
    `
    // A third party holds the write lock longer than SQLite's default 1 s wait: only our busy timeout
    // makes the two wait rather than fail with "database is locked".
    await (await openSqliteRecordStore({ file, warn: (m) => expect.fail(m) })).close()
    const holder = new Database(file)
    holder.exec('BEGIN IMMEDIATE')
    const release = setTimeout(() => holder.exec('COMMIT'), 2500)
    const [a, b] = await Promise.all([child(writer('a')), child(writer('b'))])
    clearTimeout(release)
    holder.close()
    for (const result of [a, b]) {
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      expect(result.stdout.trim()).toBe('300')
    }
    const store = await openSqliteRecordStore({ file, warn: (m) => expect.fail(m) })
    expect(await store.list('chat')).toHaveLength(600)
    await store.close()
  })

  it('record runs and calls in vimax.db at once', async () => {
    const file = path.join(root, 'vimax.db')
    const writer = `
      import { openLedger } from '${dist('ledger/open-ledger.js')}'
      const ledger = openLedger(${JSON.stringify(file)}, { warn: (m) => console.error('WARN ' + m) })
      for (let r = 0; r < 20; r++) {
        const id = ledger.startRun({ specPath: 'x.yaml' })
        for (let c = 0; c < 20; c++) {
          ledger.recordCall({ type: 'call:end', callId: c, kind: 'chat', provider: 'p', model: 'm', subject: undefined, cached: c % 2 === 0,
            ms: 1, queuedMs: 0, attempts: 1, requestId: undefined, costUsd: 0.01, bytes: 10, cacheKey: 'v1:' + c, error: undefined }, id)
        }
        ledger.finishRun(id, { status: 'complete' })
      }
      ledger.close()
    `
    const results = await Promise.all([child(writer), child(writer), child(writer)])
    for (const result of results) {
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
    }
    const ledger = openLedger(file, { warn: (m) => expect.fail(m) })
    expect(ledger.listRuns(100)).toHaveLength(60)
    expect(ledger.hitRate(100)).toMatchObject({ runs: 60, calls: 1200, cached: 600 })
    ledger.close()
  })
})
