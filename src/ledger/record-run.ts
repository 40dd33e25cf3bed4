import { randomBytes } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { CallEnd } from '../pipeline/events.js'
import type { RunOutcome, RunStart } from './ledger-types.js'

/** "20250314-093012-7f3a9c": sorts by time (UTC), readable in `vimax runs`; a clash is retried on insert. */
export function newRunId(now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  return `${stamp}-${randomBytes(3).toString('hex')}`
}

/** Inserts a run and returns its id; several processes starting runs in the same second may draw the same id, so a clash draws again. */
export function insertRun(db: Database.Database, input: RunStart, now: number): string {
  const insert = db.prepare(`INSERT INTO runs (id, spec_path, spec_sha256, status, started_at, output_dir) VALUES (?, ?, ?, 'running', ?, ?)`)
  for (let attempt = 0; ; attempt++) {
    const id = newRunId(now)
    try {
      insert.run(id, input.specPath ?? null, input.specSha256 ?? null, now, input.outputDir ?? null)
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
                        latency_ms, queued_ms, bytes, cost_usd, saved_usd, request_id, error_code, started_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
  )
}
