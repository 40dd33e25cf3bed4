import type Database from 'better-sqlite3'
import { ABANDONED } from '../pipeline/events.js'
import type { CallRow, HitRate, RunDetail, RunRow } from './ledger-types.js'

/** `paidByThisRun` (src/pipeline/events.ts) in SQL: made, and not failed unless abandoned (billed all the same). */
const paidByTheRun = (c: string) => `${c}cached = 0 AND ${c}resumed = 0 AND (${c}status = 'ok' OR ${c}error_code = '${ABANDONED}')`

const RUN_COLUMNS = `
  r.id, r.spec_path AS specPath, r.spec_sha256 AS specSha256, r.status, r.started_at AS startedAt,
  r.finished_at AS finishedAt, r.output_dir AS outputDir, r.error_code AS errorCode, r.stopped_after AS stoppedAfter,
  COUNT(c.id) AS calls, COALESCE(SUM(c.cached), 0) AS cached,
  COALESCE(SUM(c.status = 'error'), 0) AS errors,
  COALESCE(SUM(CASE WHEN c.cached = 0 THEN c.cost_usd END), 0) AS costUsd,
  COALESCE(SUM(CASE WHEN c.cached = 1 THEN c.saved_usd END), 0) AS savedUsd,
  COALESCE(SUM(${paidByTheRun('c.')} AND c.cost_usd IS NULL), 0) AS unpriced,
  COALESCE(SUM(c.bytes), 0) AS bytes`

/** Most recent first; the calls are summed per run by the calls(run_id) index. */
export function listRuns(db: Database.Database, limit: number): RunRow[] {
  return db
    .prepare(
      `SELECT ${RUN_COLUMNS}
       FROM (SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT ?) r
       LEFT JOIN calls c ON c.run_id = r.id
       GROUP BY r.id ORDER BY r.started_at DESC, r.id DESC`,
    )
    .all(Math.max(0, Math.floor(limit))) as RunRow[]
}

/** One run by its id or an unambiguous prefix of it (ids are long to type). */
export function getRun(db: Database.Database, id: string): RunDetail | undefined {
  const matches = db.prepare('SELECT id FROM runs WHERE id = ? OR id LIKE ? ESCAPE \'\\\' LIMIT 2').all(id, `${escapeLike(id)}%`) as { id: string }[]
  const exact = matches.find((row) => row.id === id)
  const chosen = exact ?? (matches.length === 1 ? matches[0] : undefined)
  if (chosen === undefined) return undefined
  const run = db.prepare(`SELECT ${RUN_COLUMNS} FROM runs r LEFT JOIN calls c ON c.run_id = r.id WHERE r.id = ? GROUP BY r.id`).get(chosen.id) as RunRow
  const calls = db
    .prepare(
      `SELECT id, run_id AS runId, call_id AS callId, cache_key AS cacheKey, provider, model, kind, subject, cached, resumed,
              status, attempts, latency_ms AS latencyMs, queued_ms AS queuedMs, bytes, cost_usd AS costUsd, saved_usd AS savedUsd,
              request_id AS requestId, error_code AS errorCode, started_at AS startedAt
       FROM calls WHERE run_id = ? ORDER BY id`,
    )
    .all(chosen.id) as Array<Omit<CallRow, 'cached' | 'resumed'> & { cached: number; resumed: number }>
  return { run, calls: calls.map((call) => ({ ...call, cached: call.cached === 1, resumed: call.resumed === 1 })) }
}

/** Cache use over the last `lastNRuns` runs: calls saved, and money spent and saved (estimated). */
export function hitRate(db: Database.Database, lastNRuns: number): HitRate {
  const recent = 'SELECT id FROM runs ORDER BY started_at DESC, id DESC LIMIT @limit'
  const params = { limit: Math.max(0, Math.floor(lastNRuns)) }
  const runs = (db.prepare(`SELECT COUNT(*) AS n FROM (${recent})`).get(params) as { n: number }).n
  const totals = db
    .prepare(
      `SELECT COALESCE(SUM(status = 'ok'), 0) AS calls, COALESCE(SUM(status = 'ok' AND cached = 1), 0) AS cached,
              COALESCE(SUM(CASE WHEN cached = 0 THEN cost_usd END), 0) AS spent,
              COALESCE(SUM(CASE WHEN cached = 1 THEN saved_usd END), 0) AS saved,
              COALESCE(SUM(${paidByTheRun('')} AND cost_usd IS NULL), 0) AS unpriced
       FROM calls WHERE run_id IN (${recent})`,
    )
    .get(params) as { calls: number; cached: number; spent: number; saved: number; unpriced: number }
  return {
    runs,
    calls: totals.calls,
    cached: totals.cached,
    rate: totals.calls === 0 ? 0 : totals.cached / totals.calls,
    spentUsd: totals.spent,
    savedUsd: totals.saved,
    unpriced: totals.unpriced,
  }
}

/** The median provider time of a model's recent paid calls that succeeded, if it has any. */
export function medianLatency(db: Database.Database, model: { provider: string; model: string; kind: string }, recent = 50): number | undefined {
  const rows = db
    .prepare(
      `SELECT latency_ms AS ms FROM calls
       WHERE provider = ? AND model = ? AND kind = ? AND cached = 0 AND status = 'ok' AND latency_ms IS NOT NULL
       ORDER BY id DESC LIMIT ?`,
    )
    .all(model.provider, model.model, model.kind, recent) as { ms: number }[]
  if (rows.length === 0) return undefined
  const sorted = rows.map((row) => row.ms).sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** The last time each cache key was asked for, by any run: prune's second witness of use. */
export function lastUsedByKey(db: Database.Database): Map<string, number> {
  const rows = db
    .prepare('SELECT cache_key AS key, MAX(started_at) AS at FROM calls WHERE cache_key IS NOT NULL GROUP BY cache_key')
    .all() as Array<{ key: string; at: number }>
  return new Map(rows.map((row) => [row.key, row.at]))
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`)
}
