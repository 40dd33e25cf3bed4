import type { ProviderErrorCode } from './error-codes.js'
import type { TimeoutSetting } from './timeouts.js'

export interface AttemptErrorOptions {
  readonly code: ProviderErrorCode
  /** Whether another attempt could succeed. */
  readonly retryable: boolean
  readonly status?: number
  readonly requestId?: string
  /** The wait the vendor asked for. */
  readonly retryAfterMs?: number
  /** A 429: the caller's lane should pause too. */
  readonly rateLimited?: boolean
  /** Counts against `badResponseRetries`, not the whole budget. */
  readonly badResponse?: boolean
  /** Replaces the hint the code would get. */
  readonly hint?: string
  /** The request never reached the server (refused, no route, DNS): repeating it cannot do the work twice. */
  readonly unsent?: boolean
  /** Which timeout setting fired, so the hint names the one to raise. */
  readonly timeout?: TimeoutSetting
  /** No answer at all (not even headers) before a timeout: retried only `silentRetries` times. */
  readonly silent?: boolean
  /** The vendor's own error code from the body ("1102", "moderation_blocked"), for a provider's `reclassify`. */
  readonly vendorCode?: string
  readonly cause?: unknown
}

/**
 * Why one attempt failed, in words that will fit into the final error ("HTTP 429: Rate limit
 * reached"). Internal to the HTTP layer: the retry loop turns the last one into a ProviderError
 * that also names provider, model, subject, request and attempts.
 */
export class AttemptError extends Error {
  override name = 'AttemptError'
  readonly code: ProviderErrorCode
  readonly retryable: boolean
  readonly status: number | undefined
  readonly requestId: string | undefined
  readonly retryAfterMs: number | undefined
  readonly rateLimited: boolean
  readonly badResponse: boolean
  readonly hint: string | undefined
  readonly unsent: boolean
  readonly timeout: TimeoutSetting | undefined
  readonly silent: boolean
  readonly vendorCode: string | undefined

  constructor(detail: string, options: AttemptErrorOptions) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = options.code
    this.retryable = options.retryable
    this.status = options.status
    this.requestId = options.requestId
    this.retryAfterMs = options.retryAfterMs
    this.rateLimited = options.rateLimited ?? false
    this.badResponse = options.badResponse ?? false
    this.hint = options.hint
    this.unsent = options.unsent ?? false
    this.timeout = options.timeout
    this.silent = options.silent ?? false
    this.vendorCode = options.vendorCode
  }
}

/**
 * For a model's `parse` callback: the 2xx body is unusable. Retried once (see
 * `RetryPolicy.badResponseRetries`) because truncated or odd bodies are often transient.
 */
export function badResponse(detail: string, options: { readonly retry?: boolean; readonly hint?: string } = {}): AttemptError {
  return new AttemptError(detail, {
    code: 'E_PROVIDER_BAD_RESPONSE',
    retryable: options.retry ?? true,
    badResponse: true,
    ...(options.hint === undefined ? {} : { hint: options.hint }),
  })
}

/** For a model's `parse` callback: a definite answer that is not a result (refusal, empty, failed). */
export function responseProblem(
  code: ProviderErrorCode,
  detail: string,
  options: { readonly retry?: boolean; readonly hint?: string } = {},
): AttemptError {
  return new AttemptError(detail, {
    code,
    retryable: options.retry ?? false,
    badResponse: options.retry === true,
    ...(options.hint === undefined ? {} : { hint: options.hint }),
  })
}

/** The same failure, stamped with the request id it happened under (parse callbacks do not know it). */
export function withRequestId(error: AttemptError, requestId: string): AttemptError {
  if (error.requestId !== undefined) return error
  return new AttemptError(error.message, {
    code: error.code,
    retryable: error.retryable,
    requestId,
    rateLimited: error.rateLimited,
    badResponse: error.badResponse,
    unsent: error.unsent,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    ...(error.hint === undefined ? {} : { hint: error.hint }),
    ...(error.timeout === undefined ? {} : { timeout: error.timeout }),
    silent: error.silent,
    ...(error.vendorCode === undefined ? {} : { vendorCode: error.vendorCode }),
    ...(error.cause === undefined ? {} : { cause: error.cause }),
  })
}
