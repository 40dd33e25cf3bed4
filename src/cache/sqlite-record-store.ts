import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { KeyvSqlite } from '@keyv/sqlite'
import Database from 'better-sqlite3'
import Keyv, { type DeserializedData } from 'keyv'
import { isCacheRecord, type CacheRecord } from './cache-records.js'
import { isCorruptionError, looksLikeSqlite, moveAside } from './move-aside.js'
import { emptyRecordStats } from './record-query.js'
import { createDisabledRecordStore, type RecordStore, type StoredRecord, type StoredRecordMeta } from './record-store.js'
import { createSqliteBulk } from './sqlite-bulk.js'
import { clearSuspect, isSuspect, markSuspect, reclaimSpace, sqliteCheck } from './sqlite-maintenance.js'
import { parseMetaRow, parseRow, range, RANGE, type Row } from './sqlite-rows.js'
import { migrateRecordSchema, RECOUNT, RECORD_TABLE } from './sqlite-schema.js'

export interface SqliteRecordStoreOptions {
  /** `<cacheDir>/cache.sqlite`. */
  readonly file: string
  readonly warn: (message: string) => void
  /** How long a write waits for another vimax process holding the lock. @default 10 s */
  readonly busyTimeoutMs?: number
  readonly now?: () => number
}

/** The table Keyv's SQLite adapter keeps rows in; bulk SQL (list, deleteMany, the bench fill) uses it. */
export { RECORD_TABLE }
const TABLE = RECORD_TABLE

/** A row's value exactly as Keyv writes it (its envelope, no expiry): for tools that fill the table directly. */
export function encodeRecordValue(record: CacheRecord): string {
  return JSON.stringify({ value: record })
}
const DELETE_CHUNK = 5_000
/** Opening retries while another process holds the file's lock (about 3 s in all). */
const OPEN_ATTEMPTS = 7
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function isLockedError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : ''
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || /database is locked|database is busy/i.test(String((error as Error)?.message))
}

/**
 * Records in Keyv over `@keyv/sqlite`, keys spelled `<namespace>:<key>` (we prefix, not Keyv, so
 * bulk SQL for prune and stats can select a namespace by key range). WAL plus a busy timeout let
 * several vimax processes share one file. `synchronous=NORMAL`: a process crash loses nothing
 * committed; a power cut may lose the last records, which only costs their regeneration.
 *
 * Damage is never fatal. At open, a file that is not SQLite (its header, checked in a few bytes)
 * or fails its first statements is moved aside (`cache.sqlite.corrupt-<time>`) with one warning
 * and a fresh one is created. No integrity check runs on a healthy open (it costs seconds on a
 * large file): damage found later, mid-run, turns the store off for this process (one warning)
 * and marks the file, and the next open runs `quick_check` and moves it aside if it fails.
 * `verify()` runs the check on demand. A folder that cannot be written leaves the run uncached,
 * with one warning.
 */
export async function openSqliteRecordStore(options: SqliteRecordStoreOptions): Promise<RecordStore> {
  const { file, warn } = options
  try {
    mkdirSync(path.dirname(file), { recursive: true })
  } catch (error) {
    warn(`cache: cannot use ${path.dirname(file)} (${reason(error)}); continuing without a cache`)
    return createDisabledRecordStore()
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? 10_000
  let movedAside = false
  for (let attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
    let db: Database.Database | undefined
    let store: KeyvSqlite | undefined
    try {
      if (!looksLikeSqlite(file)) throw Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' })
      db = new Database(file, { timeout: busyTimeoutMs })
      prepareFile(db, file)
      store = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: busyTimeoutMs, table: TABLE })
      store.on('error', () => undefined) // errors reach us through rejected queries; this stops EventEmitter throwing
      await store.query('PRAGMA synchronous=NORMAL')
      return wrap(store, db, file, busyTimeoutMs, warn)
    } catch (error) {
      db?.close()
      await store?.disconnect().catch(() => undefined)
      // Another process creating the file or switching it to WAL at this instant: wait, not fail.
      if (isLockedError(error) && attempt < OPEN_ATTEMPTS - 1) {
        await delay(50 * 2 ** attempt)
        continue
      }
      if (!movedAside && isCorruptionError(error)) {
        try {
          const aside = moveAside(file, options.now)
          clearSuspect(file)
          movedAside = true
          warn(`cache: ${file} was damaged (${reason(error)}); moved it to ${path.basename(aside)} and started a fresh cache`)
          continue
        } catch (moveError) {
          error = moveError
        }
      }
      warn(`cache: cannot open ${file} (${reason(error)}); continuing without a cache`)
      return createDisabledRecordStore()
    }
  }
  return createDisabledRecordStore()
}

/**
 * New files get `auto_vacuum = incremental` (it must be set before the first table), so a prune
 * can give space back cheaply. The integrity check runs only on a file marked suspect.
 */
function prepareFile(db: Database.Database, file: string): void {
  if ((db.pragma('page_count', { simple: true }) as number) === 0) db.pragma('auto_vacuum = INCREMENTAL')
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  if (isSuspect(file)) {
    const check = sqliteCheck(db, false, 1)
    if (!check.ok) throw Object.assign(new Error(`quick_check: ${check.problems[0]}`), { code: 'SQLITE_CORRUPT' })
    clearSuspect(file)
  }
  migrateRecordSchema(db)
}

function wrap(store: KeyvSqlite, db: Database.Database, file: string, busyTimeoutMs: number, warn: (message: string) => void): RecordStore {
  const keyv = new Keyv<CacheRecord>({
    store,
    namespace: undefined,
    useKeyPrefix: false,
    throwOnErrors: true,
    serialize: (data) => JSON.stringify(data),
    // Plain JSON both ways, so the bulk SQL in `list` reads rows exactly as Keyv wrote them.
    deserialize: <Value>(text: string) => JSON.parse(text) as DeserializedData<Value>,
  })
  keyv.on('error', () => undefined)
  let disabled = false
  const warned = new Set<string>()

  async function guard<T>(what: string, fallback: T, op: () => Promise<T>): Promise<T> {
    if (disabled) return fallback
    try {
      return await op()
    } catch (error) {
      const code = isCorruptionError(error) ? 'corrupt' : String((error as { code?: unknown }).code ?? 'error')
      if (code === 'corrupt') {
        disabled = true
        markSuspect(file)
      }
      if (!warned.has(code)) {
        warned.add(code)
        warn(
          code === 'corrupt'
            ? `cache: cache.sqlite is damaged (${reason(error)}); continuing without a cache — the next run moves it aside`
            : `cache: could not ${what} a record (${reason(error)}); that result is not cached`,
        )
      }
      return fallback
    }
  }

  const bulk = createSqliteBulk(db, file, busyTimeoutMs)
  /** A stream that fails part way ends there, with the same one warning as any other failure. */
  async function* guardStream<T>(what: string, open: () => AsyncGenerator<T>): AsyncGenerator<T> {
    if (disabled) return
    let failure: unknown
    try {
      yield* open()
    } catch (error) {
      failure = error
    }
    if (failure !== undefined) await guard(what, undefined, () => Promise.reject(failure))
  }

  return {
    backend: 'sqlite',
    get: (namespace, key) =>
      guard('read', undefined, async () => {
        const value = await keyv.get(`${namespace}:${key}`)
        return isCacheRecord(value) ? value : undefined
      }),
    set: (namespace, key, record) => guard('write', undefined, async () => void (await keyv.set(`${namespace}:${key}`, record))),
    delete: (namespace, key) => guard('delete', undefined, async () => void (await keyv.delete(`${namespace}:${key}`))),
    list: (namespace) =>
      guard('list', [] as StoredRecord[], async () => {
        const rows = (await store.query(`SELECT key, value, length(key) + length(value) AS size FROM ${TABLE} ${RANGE}`, ...range(namespace))) as Row[]
        return rows.flatMap(parseRow)
      }),
    listMeta: (namespace) =>
      guard('list', [] as StoredRecordMeta[], async () => {
        // The payloads are most of the bytes; SQLite drops them so they are never copied out or parsed.
        const rows = (await store.query(
          `SELECT key, json_remove(value, '$.value.text', '$.value.job') AS value, length(key) + length(value) AS size FROM ${TABLE} ${RANGE}`,
          ...range(namespace),
        )) as Row[]
        return rows.flatMap(parseMetaRow)
      }),
    deleteMany: (addresses) =>
      guard('delete', 0, async () => {
        // One transaction, fed in chunks (a bound parameter each): one commit and one checkpoint
        // for the whole prune instead of one per chunk; other writers wait on the busy timeout.
        let deleted = 0
        await store.query('BEGIN IMMEDIATE')
        try {
          for (let start = 0; start < addresses.length; start += DELETE_CHUNK) {
            const keys = addresses.slice(start, start + DELETE_CHUNK).map(({ namespace, key }) => `${namespace}:${key}`)
            await store.query(`DELETE FROM ${TABLE} WHERE key IN (SELECT value FROM json_each(?))`, JSON.stringify(keys))
            const changed = (await store.query('SELECT changes() AS n')) as Array<{ n: number }>
            deleted += changed[0]?.n ?? 0
          }
          await store.query('COMMIT')
        } catch (error) {
          await store.query('ROLLBACK').catch(() => undefined)
          throw error
        }
        return deleted
      }),
    stats: () => guard('count', emptyRecordStats(), async () => bulk.stats()),
    scan: (query, options) => guardStream('list', () => bulk.scan(query, options?.batch)),
    deleteWhere: (query) => guard('delete', 0, async () => bulk.deleteWhere(query)),
    touchMany: (uses) => guard('touch', 0, async () => bulk.touchMany(uses)),
    blobRefs: () => guardStream('list', () => bulk.blobRefs()),
    referenced: (digests) => guard('read', new Set<string>(digests), async () => bulk.referenced(digests)),
    verify: async (options) => {
      const check = sqliteCheck(db, options?.thorough ?? false)
      if (!check.ok) {
        markSuspect(file)
        return check
      }
      return recount(db)
    },
    reclaim: async (options) => reclaimSpace(db, file, options?.force ?? false),
    close: async () => {
      await store.disconnect().catch(() => undefined)
      if (db.open) db.close()
    },
  }
}

/** The counters the triggers keep, against a count of the rows; a mismatch is fixed and reported. */
function recount(db: Database.Database): { ok: boolean; problems: string[] } {
  try {
    const actual = db.prepare(RECOUNT).all() as Array<{ ns: string; entries: number; recordBytes: number; resultBytes: number }>
    const kept = new Map((db.prepare('SELECT ns, entries, record_bytes AS recordBytes, result_bytes AS resultBytes FROM record_counts').all() as typeof actual).map((row) => [row.ns, row]))
    const problems = actual
      .filter((row) => {
        const counted = kept.get(row.ns)
        return counted?.entries !== row.entries || counted.recordBytes !== row.recordBytes || counted.resultBytes !== row.resultBytes
      })
      .map((row) => `record counts for ${row.ns} were ${kept.get(row.ns)?.entries ?? 0}, found ${row.entries} (recounted)`)
    if (problems.length > 0) {
      db.transaction(() => {
        db.exec('DELETE FROM record_counts')
        const insert = db.prepare('INSERT INTO record_counts (ns, entries, record_bytes, result_bytes) VALUES (?, ?, ?, ?)')
        for (const row of actual) insert.run(row.ns, row.entries, row.recordBytes, row.resultBytes)
      }).immediate()
    }
    return { ok: problems.length === 0, problems }
  } catch (error) {
    return { ok: false, problems: [reason(error)] }
  }
}

function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/^SQLITE_[A-Z_]+: /, '').trim()
}
