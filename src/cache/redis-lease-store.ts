import { newLeaseToken, type LeaseStore } from './call-lease.js'
import { withTimeout, type RedisClient } from './redis-connect.js'

/** Extends the lease only while the token is still ours. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`
/** Deletes the lease only while the token is still ours: a holder that overran its TTL must not free a successor's. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`

/**
 * Leases as Redis keys `<prefix>:lease:<key>` (one colon: never under Keyv's `<prefix>::*`, never
 * in the record index, so never counted as records), taken with `SET NX PX` so Redis itself
 * expires a dead holder's claim. The client is the lease store's own and is closed with it.
 */
export function createRedisLeaseStore(client: RedisClient, options: { readonly prefix?: string; readonly timeoutMs?: number } = {}): LeaseStore {
  const prefix = options.prefix ?? 'vimax'
  const timeoutMs = options.timeoutMs ?? 3_000
  const leaseKey = (key: string) => `${prefix}:lease:${key}`
  return {
    backend: 'redis',
    async acquire(key, ttlMs) {
      const token = newLeaseToken()
      const reply = await withTimeout(client.set(leaseKey(key), token, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } }), timeoutMs, 'taking a lease')
      return reply === 'OK' ? { held: true, token } : { held: false }
    },
    async renew(key, token, ttlMs) {
      const reply = await withTimeout(client.eval(RENEW, { keys: [leaseKey(key)], arguments: [token, String(ttlMs)] }), timeoutMs, 'renewing a lease')
      return Number(reply) === 1
    },
    async release(key, token) {
      await withTimeout(client.eval(RELEASE, { keys: [leaseKey(key)], arguments: [token] }), timeoutMs, 'releasing a lease')
    },
    async close() {
      try {
        await withTimeout(client.close(), timeoutMs, 'closing')
      } catch {
        client.destroy()
      }
    },
  }
}
