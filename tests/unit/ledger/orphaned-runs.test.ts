import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { openLedger } from '../../../src/ledger/open-ledger.js'
import { currentOwner, ownerAlive, type RunOwner } from '../../../src/ledger/run-owner.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0
const dbFile = () => path.join(root, `ledger-${++n}`, 'vimax.db')
const warn = (message: string) => expect.fail(message)
const owner: RunOwner = { pid: 4242, host: 'studio', startedAt: 1_000 }

function statusOf(file: string, id: string) {
  const ledger = openLedger(file, { warn, isAlive: () => true })
  try {
    return ledger.getRun(id)?.run
  } finally {
    ledger.close()
  }
}

describe('runs whose process is gone', () => {
  it('a running run whose owner is gone reads as interrupted on the next open; a live owner keeps it running', () => {
    const file = dbFile()
    const ledger = openLedger(file, { warn, owner })
    const gone = ledger.startRun({ specPath: '/specs/a.yaml' })
    ledger.close()
    expect(statusOf(file, gone)?.status).toBe('running')

    const checked: RunOwner[] = []
    openLedger(file, { warn, isAlive: (asked) => (checked.push(asked), false) }).close()
    expect(checked).toEqual([owner])
    expect(statusOf(file, gone)).toMatchObject({ status: 'interrupted', errorCode: 'E_KILLED' })
  })

  it('a finished run is never re-marked, and a run of a live owner stays running', () => {
    const file = dbFile()
    const ledger = openLedger(file, { warn, owner })
    const done = ledger.startRun({})
    ledger.finishRun(done, { status: 'complete' })
    const live = ledger.startRun({})
    ledger.close()
    openLedger(file, { warn, isAlive: (asked) => asked.pid === owner.pid }).close()
    expect(statusOf(file, live)?.status).toBe('running')
    openLedger(file, { warn, isAlive: () => false }).close()
    expect(statusOf(file, done)?.status).toBe('complete')
    expect(statusOf(file, live)?.status).toBe('interrupted')
  })

  it('a run recorded before owners were (no pid) is interrupted once it is a day old', () => {
    const file = dbFile()
    openLedger(file, { warn }).close()
    const db = new Database(file)
    const insert = db.prepare("INSERT INTO runs (id, status, started_at) VALUES (?, 'running', ?)")
    insert.run('old', Date.now() - 2 * 86_400_000)
    insert.run('recent', Date.now() - 60_000)
    db.close()
    openLedger(file, { warn }).close()
    expect(statusOf(file, 'old')?.status).toBe('interrupted')
    expect(statusOf(file, 'recent')?.status).toBe('running')
  })
})

describe('ownerAlive', () => {
  it('this process is alive; an exited process, a reused pid (other start time) and a process on another host are told apart', () => {
    const me = currentOwner()
    expect(ownerAlive(me)).toBe(true)
    expect(ownerAlive({ ...me, startedAt: me.startedAt - 3_600_000 })).toBe(process.platform !== 'linux')
    const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
    expect(ownerAlive({ ...me, pid: Number(exited.stdout) })).toBe(false)
    // Another machine's processes cannot be seen: its runs are left as they are.
    expect(ownerAlive({ ...me, pid: Number(exited.stdout), host: `${me.host}-elsewhere` })).toBe(true)
  })
})
