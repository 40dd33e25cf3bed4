import { randomUUID } from 'node:crypto'

/** What `acquire` found: the lease is ours (with the token that proves it), or someone else's. */
export type LeaseGrant = { readonly held: true; readonly token: string } | { readonly held: false }

/**
 * A short claim on one uncached call, shared by every process using the same store, so two runs
 * needing the same result pay once: the holder pays, the others wait for its record. Leases
 * expire by themselves (a holder that died blocks others at most one TTL) and are renewed while
 * the call runs. Operations may throw when the store is down; the caller warns and goes on
 * uncoordinated, as the cache does.
 */
export interface LeaseStore {
  readonly backend: 'sqlite' | 'redis' | 'memory'
  /** Takes the lease on `key` for `ttlMs` unless another holder's lease is still unexpired. */
  acquire(key: string, ttlMs: number): Promise<LeaseGrant>
  /** Extends a lease still ours; false when it expired and someone else took it. */
  renew(key: string, token: string, ttlMs: number): Promise<boolean>
  /** Frees the lease only if it is still ours (compare and delete). */
  release(key: string, token: string): Promise<void>
  close(): Promise<void>
}

/** A fresh owner token per acquisition: only the holder that took a lease may renew or free it. */
export const newLeaseToken = (): string => randomUUID()

/** Leases in this process only: for tests, and for stores with nothing to share. */
export function createMemoryLeaseStore(options: { readonly now?: () => number } = {}): LeaseStore {
  const now = options.now ?? Date.now
  const leases = new Map<string, { token: string; expiresAt: number }>()
  const ours = (key: string, token: string) => {
    const lease = leases.get(key)
    return lease !== undefined && lease.token === token && lease.expiresAt > now() ? lease : undefined
  }
  return {
    backend: 'memory',
    async acquire(key, ttlMs) {
      const lease = leases.get(key)
      if (lease !== undefined && lease.expiresAt > now()) return { held: false }
      const token = newLeaseToken()
      leases.set(key, { token, expiresAt: now() + ttlMs })
      return { held: true, token }
    },
    async renew(key, token, ttlMs) {
      const lease = ours(key, token)
      if (lease === undefined) return false
      lease.expiresAt = now() + ttlMs
      return true
    },
    async release(key, token) {
      if (leases.get(key)?.token === token) leases.delete(key)
    },
    async close() {
      leases.clear()
    },
  }
}
