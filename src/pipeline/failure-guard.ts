import { setMaxListeners } from 'node:events'
import { BudgetError, CancelledError } from '../errors.js'

export interface FailureGuard {
  /** Aborts at the first failure or at the caller's stop: no new calls start after it. */
  readonly signal: AbortSignal
  /**
   * Aborts when polls of jobs in flight should be abandoned (they stay resumable): at a failure
   * or a stop, but not at the budget's refusal — the jobs it lets finish are paid for already.
   */
  readonly abandon: AbortSignal
  /** Passes the promise through, recording its failure and raising the stop. */
  watch<T>(promise: Promise<T>): Promise<T>
  /** The failure that stopped the run — later ones are usually its echoes ("stopped before…"). */
  firstFailure(): unknown
  throwIfFailed(): void
  /** Stops listening to the caller's stop signal, which may outlive this run. */
  dispose(): void
}

export function createFailureGuard(stop?: AbortSignal): FailureGuard {
  const controller = new AbortController()
  const abandon = new AbortController()
  // Every polling shot waits on these signals at once; that is many listeners by design.
  setMaxListeners(0, controller.signal)
  setMaxListeners(0, abandon.signal)
  let first: unknown
  const halt = (reason: unknown) => {
    if (first === undefined) first = reason
    controller.abort()
    // What the budget's refusal cancels (queued calls) is its echo, not a reason to abandon jobs.
    if (!(first instanceof BudgetError)) abandon.abort()
  }
  const onStop = () => {
    halt(new CancelledError('interrupted'))
    abandon.abort()
  }
  if (stop?.aborted) onStop()
  stop?.addEventListener('abort', onStop, { once: true })
  return {
    signal: controller.signal,
    abandon: abandon.signal,
    watch: (promise) =>
      promise.catch((error: unknown) => {
        halt(error)
        throw error
      }),
    firstFailure: () => first,
    throwIfFailed() {
      if (first !== undefined) throw first
    },
    dispose: () => stop?.removeEventListener('abort', onStop),
  }
}
