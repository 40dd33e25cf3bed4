import { createMemoryLeaseStore, type LeaseStore } from './call-lease.js'
import type { RecordBackend } from './record-backend.js'
import { openSqliteLeaseStore } from './sqlite-lease-store.js'

/**
 * The leases beside a run's records, in the same place so every process sharing the records
 * shares them: the Redis server, or a SQLite file in the cache folder. Never throws: a lease store
 * that cannot be opened costs coordination (one warning), never the run.
 */
export async function openLeaseStore(
  backend: RecordBackend | undefined,
  options: { readonly file: string; readonly recordsBackend: string; readonly warn: (message: string) => void; readonly now?: () => number },
): Promise<LeaseStore | undefined> {
  const now = options.now && { now: options.now }
  if (options.recordsBackend === 'memory') return createMemoryLeaseStore(now)
  try {
    if (options.recordsBackend === 'redis' && backend?.redis) {
      const [{ connectRedis }, { createRedisLeaseStore }] = await Promise.all([import('./redis-connect.js'), import('./redis-lease-store.js')])
      const connection = await connectRedis(backend.redis)
      if (!connection.ok) throw new Error(connection.reason)
      return createRedisLeaseStore(connection.client)
    }
    if (options.recordsBackend === 'sqlite') return openSqliteLeaseStore({ file: options.file, ...now })
  } catch (error) {
    const { errorText } = await import('./redis-connect.js')
    const reason = backend?.redis ? backend.redis.redactor.redact(errorText(error)) : errorText(error)
    options.warn(`cache: cannot coordinate calls with other processes (${reason}); two runs at once may pay twice for the same call`)
  }
  return undefined
}
