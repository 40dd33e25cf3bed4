import path from 'node:path'
import Database from 'better-sqlite3'

export interface LedgerCall {
  readonly run_id: string
  readonly kind: string
  readonly subject: string | null
  readonly cached: number
  readonly resumed: number
  readonly status: string
  readonly error_code: string | null
  readonly cost_usd: number | null
}

/** Every call a project cache's ledger (`<cacheDir>/vimax.db`) recorded, oldest first. */
export function ledgerCalls(cacheDir: string): LedgerCall[] {
  const db = new Database(path.join(cacheDir, 'vimax.db'), { readonly: true })
  try {
    return db.prepare('SELECT run_id, kind, subject, cached, resumed, status, error_code, cost_usd FROM calls ORDER BY id').all() as LedgerCall[]
  } finally {
    db.close()
  }
}
