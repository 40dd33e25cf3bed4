import path from 'node:path'
import Database from 'better-sqlite3'

/** What the ledger says was paid (not served from the cache, not a resumed job), as `ledger/queries.ts` counts it. */
const PAID = `cached = 0 AND resumed = 0 AND status = 'ok'`

/** Paid calls per kind, over every run a cache folder's ledger (`<cacheDir>/vimax.db`) recorded. */
export function paidByKind(cacheDir: string): Record<string, number> {
  const db = new Database(path.join(cacheDir, 'vimax.db'), { readonly: true })
  try {
    const rows = db.prepare(`SELECT kind, COUNT(*) AS n FROM calls WHERE ${PAID} GROUP BY kind`).all() as Array<{ kind: string; n: number }>
    return Object.fromEntries(rows.map((row) => [row.kind, row.n]))
  } finally {
    db.close()
  }
}

/** Every cache key paid for more than once across all runs of the ledger: empty when nothing was bought twice. */
export function paidTwice(cacheDir: string): Array<{ kind: string; key: string; times: number }> {
  const db = new Database(path.join(cacheDir, 'vimax.db'), { readonly: true })
  try {
    return db
      .prepare(`SELECT kind, cache_key AS key, COUNT(*) AS times FROM calls WHERE ${PAID} AND cache_key IS NOT NULL GROUP BY kind, cache_key HAVING COUNT(*) > 1`)
      .all() as Array<{ kind: string; key: string; times: number }>
  } finally {
    db.close()
  }
}
