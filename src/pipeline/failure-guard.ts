import { setMaxListeners } from 'node:events'
import { CancelledError } from '../errors.js'

export interface FailureGuard {
  /** Aborts at the first failure or at the caller's stop: no new calls start after it. */
  readonly signal: AbortSignal
  /** Passes the promise through, recording its failure and raising the stop. */
  watch<T>(promise: Promise<T>): Promise<T>
  /** The failure that stopped the run — later ones are usually its echoes ("stopped before…"). */
  firstFailure(): unknown
  throwIfFailed(): void
}

export function createFailureGuard(stop?: AbortSignal): FailureGuard {
  const controller = new AbortController()
  // Every polling shot waits on this signal at once; that is many listeners by design.
  setMaxListeners(0, controller.signal)
  let first: unknown
  const halt = (reason: unknown) => {
    if (first === undefined) first = reason
    controller.abort()
  }
  if (stop?.aborted) halt(new CancelledError('interrupted'))
  stop?.addEventListener('abort', () => halt(new CancelledError('interrupted')), { once: true })
  return {
    signal: controller.signal,
    watch: (promise) =>
      promise.catch((error: unknown) => {
        halt(error)
        throw error
      }),
    firstFailure: () => first,
    throwIfFailed() {
      if (first !== undefined) throw first
    },
  }
}
