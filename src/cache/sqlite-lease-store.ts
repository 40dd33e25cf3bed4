import Database from 'better-sqlite3'
import { newLeaseToken, type LeaseStore } from './call-lease.js'

/**
 * Leases as rows of `leases.sqlite` beside the cache's records — a file of its own, never
 * `cache.sqlite`: Keyv writes the records through the `sqlite3` package, which links its own copy
 * of SQLite, and two copies writing one file from one process do not see each other's locks
 * (POSIX locks belong to the process), which corrupts it. Taking a lease is one
 * statement — insert, or overwrite a row whose holder let it expire — so two processes racing
 * for it cannot both win: SQLite serialises the writes and only one changes a row.
 */
export function openSqliteLeaseStore(options: { readonly file: string; readonly now?: () => number; readonly busyTimeoutMs?: number }): LeaseStore {
  const now = options.now ?? Date.now
  const db = new Database(options.file, { timeout: options.busyTimeoutMs ?? 10_000 })
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec('CREATE TABLE IF NOT EXISTS leases (key TEXT PRIMARY KEY, token TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID')
  const take = db.prepare(
    `INSERT INTO leases (key, token, expires_at) VALUES (@key, @token, @expiresAt)
       ON CONFLICT (key) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at WHERE leases.expires_at <= @now`,
  )
  const extend = db.prepare('UPDATE leases SET expires_at = @expiresAt WHERE key = @key AND token = @token')
  const free = db.prepare('DELETE FROM leases WHERE key = @key AND token = @token')
  return {
    backend: 'sqlite',
    async acquire(key, ttlMs) {
      const token = newLeaseToken()
      const at = now()
      return take.run({ key, token, expiresAt: at + ttlMs, now: at }).changes === 1 ? { held: true, token } : { held: false }
    },
    async renew(key, token, ttlMs) {
      return extend.run({ key, token, expiresAt: now() + ttlMs }).changes === 1
    },
    async release(key, token) {
      free.run({ key, token })
    },
    async close() {
      if (db.open) db.close()
    },
  }
}
