import { randomUUID } from 'node:crypto'
import { CancelledError } from '../../errors.js'
import type { Sleep } from '../../util/sleep.js'
import type { CallOptions } from '../types.js'
import type { AttemptError } from './attempt-error.js'
import { type Redactor, safeUrl } from './redact.js'
import type { HttpLog, HttpLogEntry } from './request-log.js'
import type { RetryPolicy } from './retry-policy.js'
import type { Timeouts } from './timeouts.js'
import { toProviderError } from './to-provider-error.js'
import { GaveUp, withRetries } from './with-retries.js'

export interface CallRunner {
  readonly provider: string
  readonly envVar?: string | undefined
  readonly policy: RetryPolicy
  readonly sleep: Sleep
  readonly random: () => number
  readonly now: () => number
  readonly redactor: Redactor
  readonly log?: HttpLog | undefined
  readonly retryIf?: ((failure: AttemptError) => boolean) | undefined
}

export interface AttemptTime {
  readonly timeoutMs: number
  /** The attempt was cut short to fit the overall deadline: its timeout is not worth retrying. */
  readonly deadline: boolean
  /** The longest wait for the response headers (never past `timeoutMs`). */
  readonly headersMs: number
  readonly idleMs: number
}

export interface RunInput {
  readonly model: string
  readonly call?: CallOptions | undefined
  readonly method: string
  readonly url: URL
  /** How errors name what was called: "POST /v1/chat/completions". */
  readonly target: string
  readonly timeouts: Timeouts
}

/**
 * One logical call: attempts under the retry loop, a log line per attempt, and the final failure
 * as a ProviderError (or CancelledError) naming provider, model, subject, request and attempts.
 */
export async function runCall<R extends { readonly status: number; readonly requestId: string }>(
  runner: CallRunner,
  input: RunInput,
  attempt: (time: AttemptTime) => Promise<R>,
): Promise<{ readonly value: R; readonly attempts: number }> {
  const { timeouts, call } = input
  const callId = call?.callId ?? randomUUID()
  const url = safeUrl(input.url, runner.redactor)
  let startedAt = performance.now()
  let current = 0
  const log = (entry: Partial<Pick<HttpLogEntry, 'status' | 'requestId' | 'error' | 'retryInMs'>>) => {
    if (!runner.log) return
    const defined = Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined))
    runner.log({
      provider: runner.provider,
      model: input.model,
      callId,
      requestId: callId,
      method: input.method,
      url,
      attempt: current,
      ms: Math.round(performance.now() - startedAt),
      ...(call?.subject === undefined ? {} : { subject: call.subject }),
      ...defined,
    })
  }
  const onFailure = (error: AttemptError, _attempt: number, retryInMs: number | undefined) =>
    log({ status: error.status, requestId: error.requestId, error: { code: error.code, message: runner.redactor.redact(error.message) }, retryInMs })
  const loop = { ...runner, totalMs: timeouts.totalMs, signal: call?.signal, onRateLimit: call?.onRateLimit, onFailure }
  try {
    return await withRetries(loop, async (n, remainingMs) => {
      current = n
      startedAt = performance.now()
      const deadline = remainingMs < timeouts.attemptMs
      const timeoutMs = deadline ? remainingMs : timeouts.attemptMs
      const result = await attempt({ timeoutMs, deadline, headersMs: Math.min(timeouts.headersMs, timeoutMs), idleMs: timeouts.idleMs })
      log({ status: result.status, requestId: result.requestId })
      return result
    })
  } catch (error) {
    const context = { provider: runner.provider, model: input.model, subject: call?.subject, target: input.target, envVar: runner.envVar }
    if (error instanceof GaveUp) {
      const note = error.note === undefined ? {} : { note: error.note }
      throw toProviderError(error.failure, context, { attempts: error.attempts, ...note }, runner.redactor)
    }
    if (error instanceof CancelledError) {
      log({ error: { code: error.code, message: 'cancelled' } })
      const who = `${runner.provider}:${input.model}${call?.subject ? ` (${call.subject})` : ''}`
      throw new CancelledError(`${who}: ${input.target} cancelled`, { cause: error })
    }
    throw error
  }
}
