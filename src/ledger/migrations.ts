import type Database from 'better-sqlite3'

export interface Migration {
  readonly version: number
  readonly sql: string
}

/**
 * The ledger's schema as an append-only list: a released migration is never edited, a change is
 * a new entry. Each runs once, in order, in its own transaction, recorded in `schema_version`.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        spec_path TEXT,
        spec_sha256 TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed', 'interrupted')),
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        output_dir TEXT,
        error_code TEXT
      );
      CREATE TABLE calls (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        call_id INTEGER,
        cache_key TEXT,
        provider TEXT NOT NULL,
        model TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('chat', 'image', 'video')),
        subject TEXT,
        cached INTEGER NOT NULL CHECK (cached IN (0, 1)),
        resumed INTEGER NOT NULL DEFAULT 0 CHECK (resumed IN (0, 1)),
        status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
        attempts INTEGER,
        latency_ms INTEGER,
        queued_ms INTEGER,
        bytes INTEGER,
        cost_usd REAL,
        request_id TEXT,
        error_code TEXT,
        started_at INTEGER NOT NULL
      );
      CREATE INDEX runs_started_at ON runs(started_at);
      CREATE INDEX calls_run_id ON calls(run_id);
      CREATE INDEX calls_status ON calls(status);
      -- Serves lookups by key and "last use of each key" (prune's second witness) alike.
      CREATE INDEX calls_cache_key_started_at ON calls(cache_key, started_at);
    `,
  },
  {
    // Money saved by hits is known when the hit happens (the cache record keeps the price paid);
    // a run stopped on purpose (--stop-after, --dry-run) is complete, but not a film.
    version: 2,
    sql: `
      ALTER TABLE calls ADD COLUMN saved_usd REAL;
      ALTER TABLE runs ADD COLUMN stopped_after TEXT;
    `,
  },
  {
    // The process that owns a running run: a run whose process is gone (kill -9, power loss) is
    // interrupted, not running forever. The start time tells a reused pid from the owner.
    version: 3,
    sql: `
      ALTER TABLE runs ADD COLUMN owner_pid INTEGER;
      ALTER TABLE runs ADD COLUMN owner_host TEXT;
      ALTER TABLE runs ADD COLUMN owner_started_at INTEGER;
    `,
  },
  {
    // Speech and music calls. SQLite cannot change a CHECK in place: the table is rebuilt, rows kept.
    version: 4,
    sql: `
      CREATE TABLE calls_v4 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        call_id INTEGER,
        cache_key TEXT,
        provider TEXT NOT NULL,
        model TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('chat', 'image', 'video', 'speech', 'music')),
        subject TEXT,
        cached INTEGER NOT NULL CHECK (cached IN (0, 1)),
        resumed INTEGER NOT NULL DEFAULT 0 CHECK (resumed IN (0, 1)),
        status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
        attempts INTEGER,
        latency_ms INTEGER,
        queued_ms INTEGER,
        bytes INTEGER,
        cost_usd REAL,
        request_id TEXT,
        error_code TEXT,
        started_at INTEGER NOT NULL,
        saved_usd REAL
      );
      INSERT INTO calls_v4 (id, run_id, call_id, cache_key, provider, model, kind, subject, cached, resumed, status, attempts, latency_ms, queued_ms, bytes, cost_usd, request_id, error_code, started_at, saved_usd)
        SELECT id, run_id, call_id, cache_key, provider, model, kind, subject, cached, resumed, status, attempts, latency_ms, queued_ms, bytes, cost_usd, request_id, error_code, started_at, saved_usd FROM calls;
      DROP TABLE calls;
      ALTER TABLE calls_v4 RENAME TO calls;
      CREATE INDEX calls_run_id ON calls(run_id);
      CREATE INDEX calls_status ON calls(status);
      CREATE INDEX calls_cache_key_started_at ON calls(cache_key, started_at);
    `,
  },
  {
    // Fallback chains: a call made by a later model names the models it moved past, with codes.
    version: 5,
    sql: `ALTER TABLE calls ADD COLUMN fallback_from TEXT;`,
  },
]

export const LATEST_VERSION = MIGRATIONS.reduce((max, migration) => Math.max(max, migration.version), 0)

/** Applies what is missing and returns the schema version now in the file. Idempotent. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS, now: () => number = Date.now): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)')
  const current = () => (db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_version').get() as { v: number }).v
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    // IMMEDIATE: two processes opening a new ledger at once must not both apply version 1.
    db.transaction(() => {
      if (migration.version <= current()) return
      db.exec(migration.sql)
      db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(migration.version, now())
    }).immediate()
  }
  return current()
}
