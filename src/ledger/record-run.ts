import { randomBytes } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { CallEnd } from '../pipeline/events.js'
import type { RunOutcome, RunStart } from './ledger-types.js'
import type { RunOwner } from './run-owner.js'

/** "20250314-093012-7f3a9c": sorts by time (UTC), readable in `vimax runs`; a clash is retried on insert. */
export function newRunId(now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  return `${stamp}-${randomBytes(3).toString('hex')}`
}

/** Inserts a run and returns its id; several processes starting runs in the same second may draw the same id, so a clash draws again. */
export function insertRun(db: Database.Database, input: RunStart, now: number, owner?: RunOwner): string {
  const insert = db.prepare(
    `INSERT INTO runs (id, spec_path, spec_sha256, status, started_at, output_dir, owner_pid, owner_host, owner_started_at)
     VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?)`,
  )
  for (let attempt = 0; ; attempt++) {
    const id = newRunId(now)
    try {
      insert.run(id, input.specPath ?? null, input.specSha256 ?? null, now, input.outputDir ?? null, owner?.pid ?? null, owner?.host ?? null, owner?.startedAt ?? null)
      return id
    } catch (error) {
      if (attempt >= 4 || (error as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw error
    }
  }
}

export function updateRunOutcome(db: Database.Database, id: string, outcome: RunOutcome, now: number): void {
  db.prepare('UPDATE runs SET status = ?, finished_at = ?, error_code = ?, stopped_after = ? WHERE id = ?').run(
    outcome.status,
    now,
    outcome.errorCode ?? null,
    outcome.stoppedAfter ?? null,
    id,
  )
}

/**
 * One row per finished call, from the event the pipeline already emits. Only facts about the call
 * are kept — never a request body or an error's text, which may quote a prompt or a vendor's
 * echo of a header; the error's stable code says enough.
 */
export function insertCall(db: Database.Database, runId: string, event: CallEnd, now: number): void {
  db.prepare(
    `INSERT INTO calls (run_id, call_id, cache_key, provider, model, kind, subject, cached, resumed, status, attempts,
                        latency_ms, queued_ms, bytes, cost_usd, saved_usd, request_id, error_code, started_at, fallback_from)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    runId,
    event.callId,
    event.cacheKey ?? null,
    event.provider,
    event.model,
    event.kind,
    event.subject ?? null,
    event.cached ? 1 : 0,
    event.resumed ? 1 : 0,
    event.error === undefined ? 'ok' : 'error',
    event.attempts ?? null,
    Math.round(event.ms),
    Math.round(event.queuedMs),
    event.bytes ?? null,
    event.cached ? null : (event.costUsd ?? null),
    event.cached ? (event.savedUsd ?? null) : null,
    event.requestId ?? null,
    event.error?.code ?? null,
    Math.round(now - event.ms - event.queuedMs),
    event.fallbackFrom ?? null,
  )
}

/** Runs recorded before owners were (ledger version 3) that still say running after a day are not. */
const OWNERLESS_STALE_MS = 24 * 60 * 60 * 1000

/**
 * Marks `running` runs whose process is gone as interrupted (kill -9, a crash, power loss), so
 * `vimax runs` and reports tell the truth. Returns how many were marked.
 */
export function markOrphanedRuns(db: Database.Database, isAlive: (owner: RunOwner) => boolean, now: number): number {
  const rows = db
    .prepare(`SELECT id, owner_pid AS pid, owner_host AS host, owner_started_at AS startedAt, started_at AS runStartedAt FROM runs WHERE status = 'running'`)
    .all() as Array<{ id: string; pid: number | null; host: string | null; startedAt: number | null; runStartedAt: number }>
  const orphaned = rows.filter((row) =>
    row.pid === null || row.host === null || row.startedAt === null
      ? now - row.runStartedAt > OWNERLESS_STALE_MS
      : !isAlive({ pid: row.pid, host: row.host, startedAt: row.startedAt }),
  )
  // Still running at the moment of the update: the owner may have finished it meanwhile.
  const mark = db.prepare(`UPDATE runs SET status = 'interrupted', error_code = COALESCE(error_code, 'E_KILLED') WHERE id = ? AND status = 'running'`)
  return db.transaction(() => orphaned.reduce((count, row) => count + mark.run(row.id).changes, 0))()
}
