import type { Dispatcher, FormData } from 'undici'
import { AttemptError, badResponse, withRequestId } from './attempt-error.js'
import { attemptSignal } from './attempt-signal.js'
import { classifyFailure } from './classify-failure.js'
import { classifyStatus } from './classify-status.js'
import { newRequestId, requestIdFrom } from './request-id.js'
import type { ResponseHeaders } from './response-headers.js'
import { BodyTooLarge, readText, send } from './send.js'
import { errorInBody, parseErrorBody, visibleText, type VendorError } from './vendor-error.js'

export interface ResponseInfo {
  readonly status: number
  readonly headers: ResponseHeaders
  readonly requestId: string
}

/** Checks a parsed 2xx body and returns what the model needs; throws `badResponse`/`responseProblem`. */
export type ParseBody<T> = (body: unknown, response: ResponseInfo) => T

export interface JsonAttemptInput<T> {
  readonly dispatcher: Dispatcher
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  /** A fresh body per attempt: FormData streams cannot be sent twice. */
  readonly body?: (() => string | FormData) | undefined
  readonly parse: ParseBody<T>
  /** Treat an `error` object inside a 2xx body as a failure (chat completions). */
  readonly errorInBody: boolean
  readonly caller?: AbortSignal | undefined
  readonly timeoutMs: number
  /** The attempt time was cut to fit the overall deadline. */
  readonly deadline: boolean
  readonly headersMs: number
  readonly idleMs: number
  readonly maxBytes: number
  readonly now: () => number
}

export interface JsonAttemptResult<T> extends ResponseInfo {
  readonly value: T
}

/** One attempt of a JSON call: send, read, map errors of every dialect, parse, check shape. */
export async function jsonAttempt<T>(input: JsonAttemptInput<T>): Promise<JsonAttemptResult<T>> {
  const clientId = newRequestId()
  const abort = attemptSignal({ caller: input.caller, timeoutMs: input.timeoutMs, deadline: input.deadline })
  let requestId = clientId
  let answered = false
  try {
    const response = await send({
      dispatcher: input.dispatcher,
      method: input.method,
      url: input.url,
      headers: { accept: 'application/json', ...input.headers, 'x-client-request-id': clientId },
      body: input.body?.(),
      signal: abort.signal,
      headersTimeoutMs: input.headersMs,
      bodyTimeoutMs: input.idleMs,
    })
    answered = true
    requestId = requestIdFrom(response.headers, clientId)
    const text = await readText(response.body, input.maxBytes)
    const info: ResponseInfo = { status: response.status, headers: response.headers, requestId }
    if (response.status >= 300) {
      throw classifyStatus({ ...info, vendor: parseErrorBody(text), now: input.now() })
    }
    const json = parseJson(text)
    const inside = input.errorInBody ? errorInBody(json) : undefined
    if (inside) throw errorInside(inside, info, input.now())
    return { ...info, value: input.parse(json, info) }
  } catch (error) {
    if (error instanceof BodyTooLarge) throw withRequestId(badResponse(error.message, { retry: false }), requestId)
    if (error instanceof AttemptError) throw withRequestId(error, requestId)
    throw classifyFailure(error, requestId, { ...input, answered })
  } finally {
    abort.dispose()
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') throw badResponse('empty body where JSON was expected')
  try {
    return JSON.parse(text)
  } catch {
    const start = visibleText(text.slice(0, 120))
    throw badResponse(`malformed JSON (${text.length} bytes, starting "${start}")`)
  }
}

/** OpenRouter reports failures after generation started as a 200 with `error` in the body. */
function errorInside(vendor: VendorError, info: ResponseInfo, now: number): AttemptError {
  const detail = `error inside a ${info.status} response: ${vendor.message}`
  if (vendor.status === undefined || vendor.status < 400 || vendor.status > 599) {
    return new AttemptError(detail, { code: 'E_PROVIDER_FAILED', retryable: false, requestId: info.requestId })
  }
  const classified = classifyStatus({ ...info, status: vendor.status, vendor, now })
  return new AttemptError(detail, {
    code: classified.code,
    retryable: classified.retryable,
    status: vendor.status,
    requestId: info.requestId,
    rateLimited: classified.rateLimited,
    ...(classified.retryAfterMs === undefined ? {} : { retryAfterMs: classified.retryAfterMs }),
  })
}
