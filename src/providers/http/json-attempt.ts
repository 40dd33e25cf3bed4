import { AttemptError, badResponse } from './attempt-error.js'
import { classifyStatus } from './classify-status.js'
import { sendAttempt, type AttemptResult, type ResponseInfo, type SendAttemptInput } from './send-attempt.js'
import { readText } from './send.js'
import { errorInBody, visibleText, type VendorError } from './vendor-error.js'

export type { ResponseInfo } from './send-attempt.js'

/** Checks a parsed 2xx body and returns what the model needs; throws `badResponse`/`responseProblem`. */
export type ParseBody<T> = (body: unknown, response: ResponseInfo) => T

export interface JsonAttemptInput<T> extends Omit<SendAttemptInput, 'accept'> {
  readonly parse: ParseBody<T>
  /** Treat an `error` object inside a 2xx body as a failure (chat completions). */
  readonly errorInBody: boolean
}

export type JsonAttemptResult<T> = AttemptResult<T>

/** One attempt of a JSON call: send, read, map errors of every dialect, parse, check shape. */
export function jsonAttempt<T>(input: JsonAttemptInput<T>): Promise<JsonAttemptResult<T>> {
  return sendAttempt({ ...input, accept: 'application/json' }, async (body, info, maxBytes) => {
    const json = parseJson(await readText(body, maxBytes))
    const inside = input.errorInBody ? errorInBody(json) : undefined
    if (inside) throw errorInside(inside, info, input.now())
    return input.parse(json, info)
  })
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
