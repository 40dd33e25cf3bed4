import type Database from 'better-sqlite3'
import { ABANDONED } from '../pipeline/events.js'
import type { CallRow, HitRate, RunDetail, RunFilter, RunRow } from './ledger-types.js'

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

/** Most recent first, optionally filtered; the calls are summed per run by the calls(run_id) index. */
export function listRuns(db: Database.Database, limit: number, filter: RunFilter = {}): RunRow[] {
  const { where, params } = runWhere(filter)
  return db
    .prepare(
      `SELECT ${RUN_COLUMNS}
       FROM (SELECT * FROM runs ${where} ORDER BY started_at DESC, id DESC LIMIT @limit) r
       LEFT JOIN calls c ON c.run_id = r.id
       GROUP BY r.id ORDER BY r.started_at DESC, r.id DESC`,
    )
    .all({ ...params, limit: Math.max(0, Math.floor(limit)) }) as RunRow[]
}

function runWhere(filter: RunFilter): { where: string; params: Record<string, unknown> } {
  const clauses: string[] = []
  const params: Record<string, unknown> = {}
  if (filter.status !== undefined) {
    clauses.push('status = @status')
    params.status = filter.status
  }
  if (filter.since !== undefined) {
    clauses.push('started_at >= @since')
    params.since = filter.since
  }
  if (filter.before !== undefined) {
    clauses.push('started_at < @before')
    params.before = filter.before
  }
  if (filter.spec !== undefined) {
    // Specs are recorded by absolute path; a person types it relative, or just its file name.
    const asTyped = filter.spec.asTyped.replace(/^\.\//, '')
    clauses.push("(spec_path = @specAbsolute OR spec_path = @specTyped OR spec_path LIKE @specSuffix ESCAPE '\\')")
    Object.assign(params, { specAbsolute: filter.spec.absolute, specTyped: asTyped, specSuffix: `%/${escapeLike(asTyped)}` })
  }
  return { where: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params }
}

/** Ids of the runs a person means by `id`: itself when it exists, else every run it is a prefix of. */
export function findRunIds(db: Database.Database, id: string, limit = 20): string[] {
  const exact = db.prepare('SELECT id FROM runs WHERE id = ?').get(id) as { id: string } | undefined
  if (exact) return [exact.id]
  const rows = db.prepare("SELECT id FROM runs WHERE id LIKE ? ESCAPE '\\' ORDER BY started_at DESC, id DESC LIMIT ?").all(`${escapeLike(id)}%`, limit) as { id: string }[]
  return rows.map((row) => row.id)
}

/** Deletes runs and (by the foreign key's cascade) their calls; the cache is another store. */
export function deleteRuns(db: Database.Database, ids: readonly string[]): { runs: number; calls: number } {
  return db.transaction(() => {
    let runs = 0
    let calls = 0
    for (const id of ids) {
      calls += (db.prepare('SELECT COUNT(*) AS n FROM calls WHERE run_id = ?').get(id) as { n: number }).n
      db.prepare('DELETE FROM calls WHERE run_id = ?').run(id)
      runs += db.prepare('DELETE FROM runs WHERE id = ?').run(id).changes
    }
    return { runs, calls }
  }).immediate()
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
              request_id AS requestId, error_code AS errorCode, started_at AS startedAt, fallback_from AS fallbackFrom
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

/**
 * The same, streamed in batches from one statement: a ledger of a million keys never becomes one
 * Map. The connection is busy until the generator finishes, so callers drain it before other work.
 */
export function* eachLastUse(db: Database.Database, batch = 5_000): Generator<Array<{ key: string; lastUsedAt: number }>> {
  const rows = db
    .prepare('SELECT cache_key AS key, MAX(started_at) AS lastUsedAt FROM calls WHERE cache_key IS NOT NULL GROUP BY cache_key')
    .iterate() as IterableIterator<{ key: string; lastUsedAt: number }>
  let out: Array<{ key: string; lastUsedAt: number }> = []
  for (const row of rows) {
    out.push(row)
    if (out.length >= batch) {
      yield out
      out = []
    }
  }
  if (out.length > 0) yield out
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`)
}
