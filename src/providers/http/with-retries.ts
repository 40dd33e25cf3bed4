import type { Sleep } from '../../util/sleep.js'
import { AttemptError } from './attempt-error.js'
import { backoffMs, type RetryPolicy } from './retry-policy.js'

export interface RetryLoop {
  readonly policy: RetryPolicy
  readonly sleep: Sleep
  readonly random: () => number
  readonly now: () => number
  readonly totalMs: number
  readonly signal?: AbortSignal | undefined
  /** Told the wait on every 429, so the caller's lane can pause as a whole. */
  readonly onRateLimit?: ((waitMs: number) => void) | undefined
  /** Narrows which retryable failures are retried (see `retryIfUnprocessed`). */
  readonly retryIf?: ((error: AttemptError) => boolean) | undefined
  /** After each failed attempt; `retryInMs` is undefined when the loop gives up. */
  readonly onFailure?: ((error: AttemptError, attempt: number, retryInMs: number | undefined) => void) | undefined
}

/** The loop gave up: the last failure, how many attempts were made, and why it stopped early. */
export class GaveUp extends Error {
  override name = 'GaveUp'
  constructor(readonly failure: AttemptError, readonly attempts: number, readonly note?: string) {
    super(failure.message, { cause: failure })
  }
}

/**
 * Runs `attempt` until it succeeds, a failure is final, the budget is spent or the deadline is
 * near. Written once for requests, polls and downloads; each is its own loop, so a failed poll
 * never repeats the billable start. Cancellation and bugs pass straight through.
 */
export async function withRetries<T>(
  loop: RetryLoop,
  attempt: (attempt: number, remainingMs: number) => Promise<T>,
): Promise<{ readonly value: T; readonly attempts: number }> {
  const deadlineAt = loop.now() + loop.totalMs
  let badResponses = 0
  let silences = 0
  for (let n = 1; ; n++) {
    try {
      return { value: await attempt(n, Math.max(1, deadlineAt - loop.now())), attempts: n }
    } catch (thrown) {
      if (!(thrown instanceof AttemptError)) throw thrown
      if (thrown.badResponse) badResponses++
      if (thrown.silent) silences++
      const { waitMs, note } = decide(thrown, n, { badResponses, silences }, deadlineAt, loop)
      if (thrown.rateLimited) {
        const pause = thrown.retryAfterMs ?? waitMs ?? backoffMs(n, loop.policy, loop.random)
        loop.onRateLimit?.(Math.min(pause, loop.policy.maxRetryAfterMs))
      }
      loop.onFailure?.(thrown, n, waitMs)
      if (waitMs === undefined) throw new GaveUp(thrown, n, note)
      await loop.sleep(waitMs, loop.signal)
    }
  }
}

function decide(
  error: AttemptError,
  attempt: number,
  counts: { readonly badResponses: number; readonly silences: number },
  deadlineAt: number,
  loop: RetryLoop,
): { readonly waitMs?: number; readonly note?: string } {
  const { policy } = loop
  if (!error.retryable) return {}
  if (loop.retryIf?.(error) === false) return { note: 'not retried: the server may already have done the work' }
  if (error.badResponse && counts.badResponses > policy.badResponseRetries) return {}
  if (error.silent && counts.silences > policy.silentRetries) return { note: `no answer ${counts.silences} times in a row` }
  if (attempt > policy.maxRetries) return {}
  if (error.retryAfterMs !== undefined && error.retryAfterMs > policy.maxRetryAfterMs) {
    const asked = Math.ceil(error.retryAfterMs / 1000)
    return { note: `the vendor asked to wait ${asked} s, more than the ${Math.round(policy.maxRetryAfterMs / 1000)} s we allow` }
  }
  const waitMs = error.retryAfterMs ?? backoffMs(attempt, policy, loop.random)
  if (loop.now() + waitMs >= deadlineAt) return { note: 'no time left before the overall deadline' }
  return { waitMs }
}
