import type { RecordBackend } from './record-backend.js'
import type { RecordStore } from './record-store.js'
import { openSqliteRecordStore } from './sqlite-record-store.js'
import { withTtls } from './ttl-record-store.js'

/**
 * The record store a backend names: Redis when one is set, else the cache folder's SQLite file.
 * Throws only what a person must fix (exit 2): refused credentials, or an unreachable Redis under
 * `cache.required`; anything else degrades to uncached with one warning.
 */
export async function openRecordStore(
  backend: RecordBackend | undefined,
  options: { readonly file: string; readonly warn: (message: string) => void; readonly now?: () => number; readonly required?: boolean },
): Promise<RecordStore> {
  const now = options.now && { now: options.now }
  if (backend?.redis) {
    // Loaded only for a team store: the Redis client costs every local run ~0.15 s of start-up.
    const { openRedisRecordStore } = await import('./redis-record-store.js')
    return openRedisRecordStore({ target: backend.redis, warn: options.warn, ttls: backend.ttls, required: options.required ?? backend.required, ...now })
  }
  const sqlite = await openSqliteRecordStore({ file: options.file, warn: options.warn, ...now })
  return withTtls(sqlite, backend?.ttls ?? {}, options.now)
}
