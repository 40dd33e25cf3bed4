import { sleep as realSleep, type Sleep } from '../util/sleep.js'
import type { LeaseStore } from './call-lease.js'
import { isConnectionLost } from './connection-lost.js'

/** Long enough for a loaded machine's renewals to land, short enough that a dead holder blocks others briefly. */
export const DEFAULT_LEASE_TTL_MS = 30_000
const FIRST_WAIT_MS = 50
const LONGEST_WAIT_MS = 1_000

export interface LeaseGateOptions {
  /** Absent: no other process to coordinate with (or none reachable); every call pays at once. */
  readonly leases: LeaseStore | undefined
  /** @default 30 s, renewed every third of it while the call runs */
  readonly ttlMs?: number
  readonly warnOnce: (topic: string, message: string) => void
  readonly sleep?: Sleep
}

/**
 * Cross-process single flight, in front of every paid call the cache layer makes (after its
 * in-process in-flight map, so a process holds one lease per key). One process takes the lease
 * and pays; the others poll the record store, with backoff, until the holder's record appears —
 * served as a hit — or the lease is free again (the holder failed, kept nothing, or died and its
 * lease expired): then one of them takes it over and pays. A lease store that errors costs a
 * warning and the coordination, never the call.
 */
export interface LeaseGate {
  /**
   * `lookup` finds the finished result (or, for video, the recorded job) another process left;
   * `pay` makes the call and writes its record before it returns — the lease covers exactly it.
   */
  run<T>(key: string, lookup: () => Promise<T | undefined>, pay: () => Promise<T>, signal?: AbortSignal): Promise<T>
}

export function createLeaseGate(options: LeaseGateOptions): LeaseGate {
  const { leases, warnOnce } = options
  const ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS
  const sleep = options.sleep ?? realSleep
  const failed = (what: string) => (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error)
    // A lost server is the record store's warning already ("results are not cached until it is back"): one line, not two.
    if (isConnectionLost(reason)) return
    warnOnce('lease', `cache: could not ${what} a call lease in the ${leases?.backend ?? ''} store (${reason}); calls are no longer coordinated with other processes, so two runs at once may pay twice`)
  }

  async function paid<T>(store: LeaseStore, key: string, token: string, lookup: () => Promise<T | undefined>, pay: () => Promise<T>): Promise<T> {
    const renewal = setInterval(() => {
      store.renew(key, token, ttlMs).then(
        (still) => (still ? undefined : warnOnce('lease-lost', `cache: the call lease on ${key.slice(0, 24)}… expired while the call ran (was this process paused?); another process may pay for it too`)),
        failed('renew'),
      )
    }, Math.max(10, Math.floor(ttlMs / 3)))
    renewal.unref()
    try {
      // The holder before us may have written its record between our miss and our claim.
      return (await lookup()) ?? (await pay())
    } finally {
      clearInterval(renewal)
      await store.release(key, token).catch(failed('release'))
    }
  }

  return {
    async run(key, lookup, pay, signal) {
      if (leases === undefined) return pay()
      let wait = FIRST_WAIT_MS
      for (;;) {
        let grant
        try {
          grant = await leases.acquire(key, ttlMs)
        } catch (error) {
          failed('take')(error)
          return pay()
        }
        if (grant.held) return paid(leases, key, grant.token, lookup, pay)
        await sleep(wait, signal)
        wait = Math.min(wait * 2, LONGEST_WAIT_MS)
        const found = await lookup()
        if (found !== undefined) return found
      }
    },
  }
}
