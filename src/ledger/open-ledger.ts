import { mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { isCorruptionError, looksLikeSqlite, moveAside } from '../cache/move-aside.js'
import type { StoreCheck } from '../cache/record-store.js'
import { clearSuspect, isSuspect, markSuspect, sqliteCheck } from '../cache/sqlite-maintenance.js'
import type { CallEnd } from '../pipeline/events.js'
import type { HitRate, RunDetail, RunFilter, RunOutcome, RunRow, RunStart } from './ledger-types.js'
import { migrate } from './migrations.js'
import { deleteRuns, eachLastUse, findRunIds, getRun, hitRate, lastUsedByKey, listRuns, medianLatency } from './queries.js'
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
  /** The same, in batches, streamed: for prune, which folds it into the records. */
  lastUses(batch?: number): Iterable<Array<{ key: string; lastUsedAt: number }>>
  /** SQLite's `quick_check` (`thorough`: `integrity_check`); never throws. */
  verify(options?: { readonly thorough?: boolean }): StoreCheck
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
 * gives a run without a ledger (one warning). Never a crash. Damage is found by the header check
 * and the first statements that fail, not by an integrity check on every open (seconds on a
 * large ledger): damage met later marks the file, and the next open checks it then.
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
      if (isSuspect(file)) {
        const check = sqliteCheck(db, false, 1)
        if (!check.ok) throw Object.assign(new Error(`quick_check: ${check.problems[0]}`), { code: 'SQLITE_CORRUPT' })
        clearSuspect(file)
      }
      migrate(db, undefined, now)
      markOrphans(db, options, now)
      return createLedger(db, file, options.warn, now, options.owner ?? currentOwner())
    } catch (error) {
      db?.close()
      if (attempt === 0 && isCorruptionError(error)) {
        try {
          const aside = moveAside(file, now)
          clearSuspect(file)
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

function createLedger(db: Database.Database, file: string, warn: (message: string) => void, now: () => number, owner: RunOwner): Ledger {
  let enabled = true
  let warned = false
  // A failing ledger write must never fail the run it records: warn once, then stop recording.
  const guard = <T>(fallback: T, op: () => T): T => {
    if (!enabled) return fallback
    try {
      return op()
    } catch (error) {
      if (isCorruptionError(error)) {
        enabled = false
        markSuspect(file)
      }
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
    lastUses: (batch) => guardedBatches(() => eachLastUse(db, batch), guard),
    medianLatency: (model) => guard(undefined, () => medianLatency(db, model)),
    verify: (options) => {
      const check = sqliteCheck(db, options?.thorough ?? false)
      if (!check.ok) markSuspect(file)
      return check
    },
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
    lastUses: () => [],
    medianLatency: () => undefined,
    verify: () => ({ ok: true, problems: [] }),
    close: () => undefined,
  }
}

/** A stream that fails part way ends there, reported through the ledger's one warning. */
function* guardedBatches<T>(open: () => Generator<T>, guard: <R>(fallback: R, op: () => R) => R): Generator<T> {
  let failure: unknown
  try {
    yield* open()
  } catch (error) {
    failure = error
  }
  if (failure !== undefined) {
    guard(undefined, () => {
      throw failure
    })
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
