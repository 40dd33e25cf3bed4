import { mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { isCorruptionError, looksLikeSqlite, moveAside } from '../cache/move-aside.js'
import type { CallEnd } from '../pipeline/events.js'
import type { HitRate, RunDetail, RunFilter, RunOutcome, RunRow, RunStart } from './ledger-types.js'
import { migrate } from './migrations.js'
import { deleteRuns, findRunIds, getRun, hitRate, lastUsedByKey, listRuns, medianLatency } from './queries.js'
import { insertCall, insertRun, markOrphanedRuns, newRunId, updateRunOutcome } from './record-run.js'
import { currentOwner, ownerAlive, type RunOwner } from './run-owner.js'

export interface Ledger {
  /** False when the file could not be used: every method still works, recording nothing. */
  readonly enabled: boolean
  startRun(input: RunStart): string
  recordCall(event: CallEnd, runId: string): void
  finishRun(runId: string, outcome: RunOutcome): void
  listRuns(limit?: number, filter?: RunFilter): RunRow[]
  getRun(id: string): RunDetail | undefined
  /** The run `id` names exactly, else every run it is a prefix of (several: ambiguous). */
  findRunIds(id: string): string[]
  /** Deletes runs and their calls (never the cache); what it deleted. */
  deleteRuns(ids: readonly string[]): { runs: number; calls: number }
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
  /** Recorded with each run this ledger starts. @default this process */
  readonly owner?: RunOwner
  /** Whether a recorded owner still runs. @default its pid, host and start time checked */
  readonly isAlive?: (owner: RunOwner) => boolean
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
      markOrphans(db, options, now)
      return createLedger(db, options.warn, now, options.owner ?? currentOwner())
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

/** On every open, so every reader sees a killed run as interrupted; a failure here costs nothing but that. */
function markOrphans(db: Database.Database, options: OpenLedgerOptions, now: () => number): void {
  try {
    markOrphanedRuns(db, options.isAlive ?? ownerAlive, now())
  } catch (error) {
    if (isCorruptionError(error)) throw error
  }
}

function createLedger(db: Database.Database, warn: (message: string) => void, now: () => number, owner: RunOwner): Ledger {
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
    startRun: (input) => guard(undefined, () => insertRun(db, input, now(), owner)) ?? newRunId(now()),
    recordCall: (event, runId) => guard(undefined, () => insertCall(db, runId, event, now())),
    finishRun: (runId, outcome) => guard(undefined, () => updateRunOutcome(db, runId, outcome, now())),
    listRuns: (limit = 20, filter) => guard([], () => listRuns(db, limit, filter)),
    getRun: (id) => guard(undefined, () => getRun(db, id)),
    findRunIds: (id) => guard([], () => findRunIds(db, id)),
    // Not guarded: a deletion that fails must say so, not report "0 deleted".
    deleteRuns: (ids) => deleteRuns(db, ids),
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
    findRunIds: () => [],
    deleteRuns: () => ({ runs: 0, calls: 0 }),
    hitRate: () => emptyHitRate,
    lastUsedByKey: () => new Map(),
    medianLatency: () => undefined,
    close: () => undefined,
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
