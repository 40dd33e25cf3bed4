import type { Dispatcher, FormData } from 'undici'
import { AttemptError, badResponse, withRequestId } from './attempt-error.js'
import { attemptSignal } from './attempt-signal.js'
import { classifyFailure } from './classify-failure.js'
import { classifyStatus } from './classify-status.js'
import { newRequestId, requestIdFrom } from './request-id.js'
import type { ResponseHeaders } from './response-headers.js'
import { BodyTooLarge, readText, send } from './send.js'
import { parseErrorBody } from './vendor-error.js'

export interface ResponseInfo {
  readonly status: number
  readonly headers: ResponseHeaders
  readonly requestId: string
}

export interface AttemptResult<T> extends ResponseInfo {
  readonly value: T
}

/** What every attempt of a request with a body in memory shares: where, how long, and the caller's stop. */
export interface SendAttemptInput {
  readonly dispatcher: Dispatcher
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly accept: string
  /** A fresh body per attempt: FormData streams cannot be sent twice. */
  readonly body?: (() => string | FormData) | undefined
  readonly caller?: AbortSignal | undefined
  readonly timeoutMs: number
  /** The attempt time was cut to fit the overall deadline. */
  readonly deadline: boolean
  /** The longest wait for response headers (`timeouts.request`): silence is retried once. */
  readonly headersMs: number
  readonly idleMs: number
  readonly maxBytes: number
  readonly now: () => number
}

/** Reads a 2xx body and returns what the model needs; throws `badResponse`/`responseProblem`. */
export type ReadAnswer<T> = (body: Parameters<typeof readText>[0], info: ResponseInfo, maxBytes: number) => Promise<T>

/**
 * One attempt: send with a fresh client request id, map a non-2xx answer of any vendor dialect,
 * let `read` take a 2xx body, and turn timeouts and network faults into retryable failures — a
 * silent host (no headers) told apart from a slow body.
 */
export async function sendAttempt<T>(input: SendAttemptInput, read: ReadAnswer<T>): Promise<AttemptResult<T>> {
  const clientId = newRequestId()
  const abort = attemptSignal({ caller: input.caller, timeoutMs: input.timeoutMs, deadline: input.deadline })
  let requestId = clientId
  let answered = false
  try {
    const response = await send({
      dispatcher: input.dispatcher,
      method: input.method,
      url: input.url,
      headers: { accept: input.accept, ...input.headers, 'x-client-request-id': clientId },
      body: input.body?.(),
      signal: abort.signal,
      headersTimeoutMs: input.headersMs,
      bodyTimeoutMs: input.idleMs,
    })
    answered = true
    requestId = requestIdFrom(response.headers, clientId)
    const info: ResponseInfo = { status: response.status, headers: response.headers, requestId }
    if (response.status >= 300) {
      const text = await readText(response.body, input.maxBytes)
      throw classifyStatus({ ...info, vendor: parseErrorBody(text), now: input.now() })
    }
    return { ...info, value: await read(response.body, info, input.maxBytes) }
  } catch (error) {
    if (error instanceof BodyTooLarge) throw withRequestId(badResponse(error.message, { retry: false }), requestId)
    if (error instanceof AttemptError) throw withRequestId(error, requestId)
    throw classifyFailure(error, requestId, { ...input, answered })
  } finally {
    abort.dispose()
  }
}
