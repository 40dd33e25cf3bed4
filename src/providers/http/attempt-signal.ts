import { CancelledError } from '../../errors.js'

/** The reason an attempt's signal aborts when its time is up; undici rejects with it as is. */
export class AttemptTimeout extends Error {
  override name = 'AttemptTimeout'
  constructor(readonly ms: number, readonly deadline: boolean) {
    super(deadline ? `overall deadline reached after ${ms} ms` : `timed out after ${ms} ms`)
  }
}

export interface AttemptSignal {
  readonly signal: AbortSignal
  /** Clears the timer and the listener on the caller's signal, so nothing outlives the attempt. */
  dispose(): void
}

/**
 * One signal per attempt: aborted by the caller (Ctrl-C → CancelledError) or by the attempt's
 * time running out (→ AttemptTimeout). Aborting makes undici destroy the socket, so the server
 * sees the connection close and nothing keeps running on our side.
 */
export function attemptSignal(input: {
  readonly caller?: AbortSignal
  readonly timeoutMs: number
  /** The attempt time was cut short by the overall deadline. */
  readonly deadline: boolean
}): AttemptSignal {
  const controller = new AbortController()
  const onCallerAbort = () => controller.abort(new CancelledError())
  if (input.caller?.aborted) onCallerAbort()
  else input.caller?.addEventListener('abort', onCallerAbort, { once: true })
  const timer = setTimeout(() => controller.abort(new AttemptTimeout(input.timeoutMs, input.deadline)), Math.max(1, input.timeoutMs))
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer)
      input.caller?.removeEventListener('abort', onCallerAbort)
    },
  }
}
