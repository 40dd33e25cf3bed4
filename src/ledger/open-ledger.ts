import { mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { isCorruptionError, looksLikeSqlite, moveAside } from '../cache/move-aside.js'
import type { CallEnd } from '../pipeline/events.js'
import type { HitRate, RunDetail, RunOutcome, RunRow, RunStart } from './ledger-types.js'
import { migrate } from './migrations.js'
import { getRun, hitRate, lastUsedByKey, listRuns, medianLatency } from './queries.js'
import { insertCall, insertRun, newRunId, updateRunOutcome } from './record-run.js'

export interface Ledger {
  /** False when the file could not be used: every method still works, recording nothing. */
  readonly enabled: boolean
  startRun(input: RunStart): string
  recordCall(event: CallEnd, runId: string): void
  finishRun(runId: string, outcome: RunOutcome): void
  listRuns(limit?: number): RunRow[]
  getRun(id: string): RunDetail | undefined
  hitRate(lastNRuns?: number): HitRate
  lastUsedByKey(): Map<string, number>
  medianLatency(model: { provider: string; model: string; kind: string }): number | undefined
  close(): void
}

export interface OpenLedgerOptions {
  readonly warn: (message: string) => void
  readonly now?: () => number
  /** How long a write waits for another vimax process. @default 10 s */
  readonly busyTimeoutMs?: number
}

/**
 * `<cacheDir>/vimax.db`: runs and calls, in better-sqlite3 with WAL so a run writing and a
 * `vimax runs` reading never block each other. A ledger is a record, not a requirement: a damaged
 * file is moved aside (one warning) and a fresh one started; a folder that cannot be written
 * gives a run without a ledger (one warning). Never a crash.
 */
export function openLedger(file: string, options: OpenLedgerOptions): Ledger {
  const now = options.now ?? Date.now
  for (let attempt = 0; attempt < 2; attempt++) {
    let db: Database.Database | undefined
    try {
      mkdirSync(path.dirname(file), { recursive: true })
      if (!looksLikeSqlite(file)) throw Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' })
      db = new Database(file, { timeout: options.busyTimeoutMs ?? 10_000 })
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = NORMAL')
      db.pragma('foreign_keys = ON')
      const check = db.pragma('quick_check', { simple: true })
      if (check !== 'ok') throw Object.assign(new Error(`quick_check: ${String(check)}`), { code: 'SQLITE_CORRUPT' })
      migrate(db, undefined, now)
      return createLedger(db, options.warn, now)
    } catch (error) {
      db?.close()
      if (attempt === 0 && isCorruptionError(error)) {
        try {
          const aside = moveAside(file, now)
          options.warn(`ledger: ${file} was damaged (${message(error)}); moved it to ${path.basename(aside)} and started a fresh one`)
          continue
        } catch (moveError) {
          error = moveError
        }
      }
      options.warn(`ledger: cannot open ${file} (${message(error)}); this run is not recorded`)
      break
    }
  }
  return disabledLedger(now)
}

function createLedger(db: Database.Database, warn: (message: string) => void, now: () => number): Ledger {
  let enabled = true
  let warned = false
  // A failing ledger write must never fail the run it records: warn once, then stop recording.
  const guard = <T>(fallback: T, op: () => T): T => {
    if (!enabled) return fallback
    try {
      return op()
    } catch (error) {
      if (isCorruptionError(error)) enabled = false
      if (!warned) warn(`ledger: ${message(error)}; some calls are not recorded`)
      warned = true
      return fallback
    }
  }
  return {
    get enabled() {
      return enabled
    },
    // Always an id, recorded or not: the run must go on even when its ledger cannot.
    startRun: (input) => guard(undefined, () => insertRun(db, input, now())) ?? newRunId(now()),
    recordCall: (event, runId) => guard(undefined, () => insertCall(db, runId, event, now())),
    finishRun: (runId, outcome) => guard(undefined, () => updateRunOutcome(db, runId, outcome, now())),
    listRuns: (limit = 20) => guard([], () => listRuns(db, limit)),
    getRun: (id) => guard(undefined, () => getRun(db, id)),
    hitRate: (lastNRuns = 10) => guard(emptyHitRate, () => hitRate(db, lastNRuns)),
    lastUsedByKey: () => guard(new Map(), () => lastUsedByKey(db)),
    medianLatency: (model) => guard(undefined, () => medianLatency(db, model)),
    close: () => {
      if (db.open) db.close()
    },
  }
}

const emptyHitRate: HitRate = { runs: 0, calls: 0, cached: 0, rate: 0, spentUsd: 0, savedUsd: 0, unpriced: 0 }

function disabledLedger(now: () => number): Ledger {
  return {
    enabled: false,
    startRun: () => newRunId(now()),
    recordCall: () => undefined,
    finishRun: () => undefined,
    listRuns: () => [],
    getRun: () => undefined,
    hitRate: () => emptyHitRate,
    lastUsedByKey: () => new Map(),
    medianLatency: () => undefined,
    close: () => undefined,
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
