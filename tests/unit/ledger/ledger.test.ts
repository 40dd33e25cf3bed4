import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { ledgerListener } from '../../../src/ledger/ledger-listener.js'
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../../src/ledger/migrations.js'
import { openLedger } from '../../../src/ledger/open-ledger.js'
import type { CallEnd } from '../../../src/pipeline/events.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0
const dbFile = () => {
  const dir = path.join(root, `ledger-${++n}`)
  mkdirSync(dir)
  return path.join(dir, 'vimax.db')
}

const callEnd = (overrides: Partial<CallEnd> = {}): CallEnd => ({
  type: 'call:end',
  callId: 1,
  kind: 'image',
  provider: 'offline',
  model: 'card-v1',
  subject: 'shot 1.1',
  cached: false,
  resumed: false,
  ms: 120,
  queuedMs: 30,
  attempts: 1,
  requestId: 'req-1',
  costUsd: 0.04,
  savedUsd: undefined,
  endedAt: 0,
  bytes: 2048,
  cacheKey: 'v1:abc',
  error: undefined,
  ...overrides,
})

describe('ledger', () => {
  it('applies migrations once: opening twice (or migrating again) changes nothing', () => {
    const file = dbFile()
    openLedger(file, { warn: () => undefined }).close()
    const second = openLedger(file, { warn: () => undefined })
    second.close()
    const db = new Database(file)
    expect(migrate(db)).toBe(LATEST_VERSION)
    expect(db.prepare('SELECT version FROM schema_version').all()).toEqual(MIGRATIONS.map(({ version }) => ({ version })))
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((row) => row.name)
    expect(indexes.sort()).toEqual(['calls_cache_key_started_at', 'calls_run_id', 'calls_status', 'runs_started_at'])
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()
  })

  it('upgrades a version-1 ledger in place: its runs and calls are kept, money saved reads 0', () => {
    const file = dbFile()
    const old = new Database(file)
    migrate(old, MIGRATIONS.slice(0, 1))
    old.prepare("INSERT INTO runs (id, status, started_at, finished_at) VALUES ('r1', 'complete', 1000, 2000)").run()
    old.prepare("INSERT INTO calls (run_id, provider, model, kind, cached, status, cost_usd, started_at) VALUES ('r1', 'openai', 'gpt-4.1', 'chat', 0, 'ok', 0.5, 1000)").run()
    old.close()
    const ledger = openLedger(file, { warn: (m) => expect.fail(m) })
    expect(ledger.getRun('r1')).toMatchObject({ run: { status: 'complete', stoppedAfter: null, costUsd: 0.5, savedUsd: 0, unpriced: 0 }, calls: [{ savedUsd: null }] })
    ledger.finishRun('r1', { status: 'complete', stoppedAfter: 'storyboard' })
    expect(ledger.listRuns(1)[0]).toMatchObject({ id: 'r1', stoppedAfter: 'storyboard' })
    ledger.close()
  })

  it('upgrades a version-3 ledger to take speech and music calls, keeping its calls and their ids', () => {
    const file = dbFile()
    const old = new Database(file)
    migrate(old, MIGRATIONS.slice(0, 3))
    old.prepare("INSERT INTO runs (id, status, started_at) VALUES ('r1', 'complete', 1000)").run()
    old.prepare("INSERT INTO calls (run_id, provider, model, kind, cached, status, cost_usd, saved_usd, started_at) VALUES ('r1', 'openai', 'gpt-4.1', 'chat', 0, 'ok', 0.5, NULL, 1000)").run()
    expect(() => old.prepare("INSERT INTO calls (run_id, provider, model, kind, cached, status, started_at) VALUES ('r1', 'offline', 'voice', 'speech', 0, 'ok', 1000)").run()).toThrow(/CHECK/)
    old.close()
    const ledger = openLedger(file, { warn: (m) => expect.fail(m) })
    const record = ledgerListener(ledger, 'r1')
    record(callEnd({ callId: 2, kind: 'speech', model: 'voice', subject: 'shot 1.1 line 1 (Ada)', costUsd: 0 }))
    record(callEnd({ callId: 3, kind: 'music', model: 'score', subject: 'music', costUsd: 0 }))
    const calls = ledger.getRun('r1')!.calls
    expect(calls.map((call) => [call.id, call.kind])).toEqual([[1, 'chat'], [2, 'speech'], [3, 'music']])
    expect(calls[0]).toMatchObject({ costUsd: 0.5, savedUsd: null })
    ledger.close()
  })

  it('round-trips a run and its calls', () => {
    let clock = Date.UTC(2025, 2, 14, 9, 30)
    const ledger = openLedger(dbFile(), { warn: () => undefined, now: () => clock })
    const id = ledger.startRun({ specPath: 'idea.yaml', specSha256: 'f00', outputDir: '/out' })
    expect(id).toMatch(/^20250314-093000-[0-9a-f]{6}$/)
    const record = ledgerListener(ledger, id)
    clock += 1000
    record(callEnd())
    record(callEnd({ callId: 2, cached: true, ms: 2, queuedMs: 0, costUsd: undefined }))
    record(callEnd({ callId: 3, kind: 'video', error: { code: 'E_PROVIDER_FAILED', message: 'refused: Bearer sk-123' } }))
    record({ type: 'warning', message: 'ignored' })
    clock += 5000
    ledger.finishRun(id, { status: 'failed', errorCode: 'E_PROVIDER_FAILED' })
    const detail = ledger.getRun(id)!
    expect(detail.run).toMatchObject({ id, status: 'failed', specPath: 'idea.yaml', calls: 3, cached: 1, errors: 1, errorCode: 'E_PROVIDER_FAILED' })
    expect(detail.run.finishedAt! - detail.run.startedAt).toBe(6000)
    expect(detail.calls.map((call) => [call.callId, call.cached, call.status])).toEqual([[1, false, 'ok'], [2, true, 'ok'], [3, false, 'error']])
    expect(detail.calls[0]).toMatchObject({ latencyMs: 120, queuedMs: 30, bytes: 2048, costUsd: 0.04, requestId: 'req-1', cacheKey: 'v1:abc' })
    expect(detail.calls[0]!.startedAt).toBe(clock - 5000 - 150)
    // The error's text is never stored: only its code.
    expect(JSON.stringify(detail)).not.toContain('sk-123')
    expect(ledger.getRun(id.slice(0, 12))?.run.id).toBe(id)
    expect(ledger.getRun('nope')).toBeUndefined()
    ledger.close()
  })

  it('lists runs newest first, up to the limit', () => {
    let clock = 1_000_000
    const ledger = openLedger(dbFile(), { warn: () => undefined, now: () => clock })
    const ids = [1, 2, 3].map(() => {
      clock += 60_000
      return ledger.startRun({ specPath: `spec-${clock}.yaml` })
    })
    expect(ledger.listRuns(10).map((run) => run.id)).toEqual([...ids].reverse())
    expect(ledger.listRuns(2).map((run) => run.id)).toEqual([ids[2], ids[1]])
    expect(ledger.listRuns(10)[0]).toMatchObject({ status: 'running', calls: 0, cached: 0 })
    ledger.close()
  })

  it('computes the hit rate, calls saved and money saved over recent runs', () => {
    let clock = 1_000_000
    const ledger = openLedger(dbFile(), { warn: () => undefined, now: () => clock })
    const first = ledger.startRun({})
    ledger.recordCall(callEnd({ cacheKey: 'v1:a', costUsd: 0.5 }), first)
    ledger.recordCall(callEnd({ callId: 2, cacheKey: 'v1:b', costUsd: 0.25 }), first)
    clock += 1000
    const second = ledger.startRun({})
    ledger.recordCall(callEnd({ cacheKey: 'v1:a', cached: true, costUsd: undefined, savedUsd: 0.5 }), second)
    ledger.recordCall(callEnd({ callId: 2, cacheKey: 'v1:b', cached: true, costUsd: undefined, savedUsd: 0.25 }), second)
    ledger.recordCall(callEnd({ callId: 3, cacheKey: 'v1:c', costUsd: 0.1 }), second)
    expect(ledger.hitRate(1)).toEqual({ runs: 1, calls: 3, cached: 2, rate: 2 / 3, spentUsd: 0.1, savedUsd: 0.75, unpriced: 0 })
    expect(ledger.hitRate(10)).toMatchObject({ runs: 2, calls: 5, cached: 2 })
    ledger.recordCall(callEnd({ callId: 4, cacheKey: 'v1:d', costUsd: undefined }), second)
    expect(ledger.hitRate(1)).toMatchObject({ calls: 4, spentUsd: 0.1, unpriced: 1 })
    expect(ledger.listRuns(1)[0]).toMatchObject({ costUsd: 0.1, savedUsd: 0.75, unpriced: 1 })
    expect(ledger.lastUsedByKey().get('v1:a')).toBe(clock - 150)
    ledger.close()
  })

  it('moves a garbage vimax.db aside with one warning and starts a fresh one', () => {
    const file = dbFile()
    writeFileSync(file, 'garbage '.repeat(100))
    const warnings: string[] = []
    const ledger = openLedger(file, { warn: (m) => warnings.push(m) })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/damaged.*moved it to vimax\.db\.corrupt-/)
    expect(ledger.enabled).toBe(true)
    ledger.startRun({})
    expect(ledger.listRuns()).toHaveLength(1)
    ledger.close()
  })

  it('moves a truncated vimax.db aside and starts a fresh one', () => {
    const file = dbFile()
    const ledger = openLedger(file, { warn: () => undefined })
    const id = ledger.startRun({})
    for (let i = 0; i < 2000; i++) ledger.recordCall(callEnd({ callId: i, subject: `shot ${i} `.repeat(20) }), id)
    ledger.close()
    truncateSync(file, Math.floor(statSync(file).size / 2))
    const warnings: string[] = []
    const reopened = openLedger(file, { warn: (m) => warnings.push(m) })
    expect(warnings).toHaveLength(1)
    expect(readdirSync(path.dirname(file)).some((name) => name.startsWith('vimax.db.corrupt-'))).toBe(true)
    expect(reopened.listRuns()).toEqual([])
    reopened.close()
  })

  it('a folder that cannot hold a ledger gives a run without one, never a crash', () => {
    const blocker = path.join(root, `blocker-${++n}`)
    writeFileSync(blocker, 'x')
    const warnings: string[] = []
    const ledger = openLedger(path.join(blocker, 'vimax.db'), { warn: (m) => warnings.push(m) })
    expect(ledger.enabled).toBe(false)
    expect(warnings).toHaveLength(1)
    const id = ledger.startRun({})
    expect(typeof id).toBe('string')
    ledger.recordCall(callEnd(), id)
    expect(ledger.listRuns()).toEqual([])
    expect(existsSync(path.join(blocker, 'vimax.db'))).toBe(false)
  })
})
