import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { KeyvSqlite } from '@keyv/sqlite'
import Keyv, { type DeserializedData } from 'keyv'
import { isCacheRecord, type CacheRecord } from './cache-records.js'
import { isCorruptionError, looksLikeSqlite, moveAside } from './move-aside.js'
import { createDisabledRecordStore, type RecordStore, type StoredRecord, type StoredRecordMeta } from './record-store.js'
import { parseMetaRow, parseRow, range, RANGE, type Row } from './sqlite-rows.js'

export interface SqliteRecordStoreOptions {
  /** `<cacheDir>/cache.sqlite`. */
  readonly file: string
  readonly warn: (message: string) => void
  /** How long a write waits for another vimax process holding the lock. @default 10 s */
  readonly busyTimeoutMs?: number
  readonly now?: () => number
}

/** The table Keyv's SQLite adapter keeps rows in; bulk SQL (list, deleteMany, the bench fill) uses it. */
export const RECORD_TABLE = 'keyv'
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
 * Damage is never fatal. At open, a file that is not SQLite or fails `quick_check` is moved aside
 * (`cache.sqlite.corrupt-<time>`) with one warning and a fresh one is created. Damage found later,
 * mid-run, turns the store off for this process (one warning); the next open moves it aside.
 * A folder that cannot be written leaves the run uncached, with one warning.
 */
export async function openSqliteRecordStore(options: SqliteRecordStoreOptions): Promise<RecordStore> {
  const { file, warn } = options
  try {
    mkdirSync(path.dirname(file), { recursive: true })
  } catch (error) {
    warn(`cache: cannot use ${path.dirname(file)} (${reason(error)}); continuing without a cache`)
    return createDisabledRecordStore()
  }
  let movedAside = false
  for (let attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
    let store: KeyvSqlite | undefined
    try {
      if (!looksLikeSqlite(file)) throw Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' })
      store = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: options.busyTimeoutMs ?? 10_000, table: TABLE })
      store.on('error', () => undefined) // errors reach us through rejected queries; this stops EventEmitter throwing
      await store.query('PRAGMA journal_mode=WAL')
      await store.query('PRAGMA synchronous=NORMAL')
      const check = (await store.query('PRAGMA quick_check')) as Array<Record<string, unknown>>
      if (check[0]?.quick_check !== 'ok') throw Object.assign(new Error(`quick_check: ${String(check[0]?.quick_check)}`), { code: 'SQLITE_CORRUPT' })
      return wrap(store, warn)
    } catch (error) {
      await store?.disconnect().catch(() => undefined)
      // Another process creating the file or switching it to WAL at this instant: wait, not fail.
      if (isLockedError(error) && attempt < OPEN_ATTEMPTS - 1) {
        await delay(50 * 2 ** attempt)
        continue
      }
      if (!movedAside && isCorruptionError(error)) {
        try {
          const aside = moveAside(file, options.now)
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

function wrap(store: KeyvSqlite, warn: (message: string) => void): RecordStore {
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
      if (code === 'corrupt') disabled = true
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
    close: async () => {
      await store.disconnect().catch(() => undefined)
    },
  }
}

function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/^SQLITE_[A-Z_]+: /, '').trim()
}
