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
  /** Stops listening to the caller's stop signal, which may outlive this run. */
  dispose(): void
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
  const onStop = () => halt(new CancelledError('interrupted'))
  if (stop?.aborted) onStop()
  stop?.addEventListener('abort', onStop, { once: true })
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
    dispose: () => stop?.removeEventListener('abort', onStop),
  }
}
