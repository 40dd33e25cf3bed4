import { AttemptError } from './attempt-error.js'
import type { ProviderErrorCode } from './error-codes.js'
import type { ResponseHeaders } from './response-headers.js'
import { retryAfterFromHeaders, shouldRetryHeader } from './retry-after.js'
import type { VendorError } from './vendor-error.js'

const REFUSAL_CODES = new Set(['moderation_blocked', 'content_policy_violation', 'content_filter', 'image_generation_user_error'])
const REFUSAL_WORDS = /content[ _-]?policy|moderation|safety system|flagged/i
const QUOTA_CODES = new Set(['insufficient_quota', 'billing_hard_limit_reached', 'billing_not_active'])

/** Turns a failed HTTP exchange into an attempt failure: which code, whether to retry, how long to wait. */
export function classifyStatus(input: {
  readonly status: number
  readonly vendor: VendorError
  readonly headers: ResponseHeaders
  readonly requestId: string
  readonly now: number
}): AttemptError {
  const { status, vendor, headers } = input
  const code = codeFor(status, vendor)
  const hinted = retryAfterFromHeaders(headers, input.now) ?? vendor.retryDelayMs
  const statusRetryable = status === 408 || status === 409 || status === 429 || status >= 500
  // x-should-retry overrides the status, never our reading of the body (a quota stays a quota).
  const semanticStop = code === 'E_PROVIDER_QUOTA' || code === 'E_PROVIDER_REFUSED' || code === 'E_PROVIDER_AUTH'
  const retryable = !semanticStop && (shouldRetryHeader(headers) ?? statusRetryable)
  // A numeric body code that is not the HTTP status again is the vendor's own (Kling's 1102).
  const vendorCode = vendor.code ?? (vendor.status !== undefined && vendor.status !== status ? String(vendor.status) : undefined)
  return new AttemptError(`HTTP ${status}: ${vendor.message}`, {
    code,
    retryable,
    status,
    requestId: input.requestId,
    rateLimited: status === 429 && code === 'E_PROVIDER_RATE_LIMIT',
    ...(hinted === undefined ? {} : { retryAfterMs: hinted }),
    ...(vendorCode === undefined ? {} : { vendorCode }),
  })
}

function codeFor(status: number, vendor: VendorError): ProviderErrorCode {
  const marks = [vendor.code, vendor.type].filter((v): v is string => v !== undefined).map((v) => v.toLowerCase())
  if (marks.some((m) => REFUSAL_CODES.has(m))) return 'E_PROVIDER_REFUSED'
  if ((status === 400 || status === 403) && (vendor.flagged || REFUSAL_WORDS.test(vendor.message))) return 'E_PROVIDER_REFUSED'
  if (status === 402 || marks.some((m) => QUOTA_CODES.has(m)) || vendor.perDayQuota) return 'E_PROVIDER_QUOTA'
  if (status === 401 || status === 403 || vendor.keyInvalid) return 'E_PROVIDER_AUTH'
  if (status === 429) return 'E_PROVIDER_RATE_LIMIT'
  if (status === 408) return 'E_PROVIDER_TIMEOUT'
  return 'E_PROVIDER_HTTP'
}
