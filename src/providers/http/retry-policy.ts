import type { AttemptError } from './attempt-error.js'

/** How hard a call tries. One policy per client; tests inject `random` and `sleep` instead. */
export interface RetryPolicy {
  /** Retries after the first attempt: 3 means at most 4 attempts. */
  readonly maxRetries: number
  /** The first backoff wait when the vendor gave no hint; doubles per retry. */
  readonly initialDelayMs: number
  readonly maxDelayMs: number
  /**
   * Share of each backoff wait that is random: 0 none, 0.5 "equal jitter", 1 "full jitter".
   * Half fixed so a retry never hammers at once; half random so a burst of parallel calls that
   * failed together does not come back together.
   */
  readonly jitter: number
  /**
   * A vendor asking for a longer wait fails the call at once: a quota that resets in an hour is
   * better reported than slept through.
   */
  readonly maxRetryAfterMs: number
  /**
   * Retries of a 2xx body we could not use (truncated, not JSON, wrong shape). Usually a proxy
   * glitch or a cold start, so one retry helps; more would mostly pay for the same answer again.
   */
  readonly badResponseRetries: number
  /**
   * Retries of an attempt that got no answer at all in `timeouts.request`. A host that stayed
   * silent that long twice is down or hung; waiting through every retry would hold a run for
   * the whole deadline.
   */
  readonly silentRetries: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  jitter: 0.5,
  maxRetryAfterMs: 60_000,
  badResponseRetries: 1,
  silentRetries: 1,
}

export function resolveRetryPolicy(partial: Partial<RetryPolicy> = {}): RetryPolicy {
  const defined = Object.entries(partial).filter(([, value]) => typeof value === 'number' && value >= 0)
  return { ...DEFAULT_RETRY_POLICY, ...Object.fromEntries(defined) }
}

/** The wait before retry number `retry` (1-based) when the vendor named none. */
export function backoffMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, retry - 1))
  const jitter = Math.min(1, Math.max(0, policy.jitter))
  return Math.round(base * (1 - jitter * random()))
}

/**
 * For a billable call that must not run twice (a video start): retry only failures that prove
 * the server did no work — a 429, a 503, or a connection that never reached it. A timeout, a
 * reset or a 500 after sending may have created a job already; retrying would pay for a second.
 */
export function retryIfUnprocessed(failure: AttemptError): boolean {
  return failure.status === 429 || failure.status === 503 || failure.unsent
}
