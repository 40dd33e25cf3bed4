import { AttemptError } from '../http/index.js'
import type { ProviderErrorCode } from '../http/index.js'

interface Meaning {
  readonly code: ProviderErrorCode
  readonly retryable: boolean
  readonly hint?: string
}

/**
 * Kling's body codes, from its error-code table (app.klingai.com/global/dev/document-api). The
 * HTTP status alone misleads: an empty balance (1102) comes as a 429 like a rate limit (1302),
 * so the body code decides.
 */
export function klingMeaning(code: number): Meaning | undefined {
  if (code >= 1000 && code <= 1004) return { code: 'E_PROVIDER_AUTH', retryable: false, hint: 'set KLING_ACCESS_KEY and KLING_SECRET_KEY to a valid Kling key pair (the token is signed from both)' }
  if (code >= 1100 && code <= 1102) {
    return { code: 'E_PROVIDER_QUOTA', retryable: false, hint: 'your Kling account is out of credit or its resource pack is used up: top it up on the Kling developer console, then rerun (finished work is cached)' }
  }
  if (code === 1103) return { code: 'E_PROVIDER_AUTH', retryable: false, hint: 'your Kling key may not use this model or endpoint: check its permissions on the Kling developer console' }
  if (code === 1300 || code === 1301) return { code: 'E_PROVIDER_REFUSED', retryable: false }
  if (code === 1302 || code === 1303) return { code: 'E_PROVIDER_RATE_LIMIT', retryable: true }
  if (code === 1304) return { code: 'E_PROVIDER_AUTH', retryable: false, hint: "Kling's IP allow-list rejects this machine: add its address on the Kling developer console" }
  if (code >= 1200 && code <= 1203) return { code: 'E_PROVIDER_HTTP', retryable: false }
  return undefined
}

/** Reclassifies a failed HTTP attempt by Kling's body code; other failures pass unchanged. */
export function reclassifyKling(failure: AttemptError): AttemptError {
  const code = failure.vendorCode === undefined ? Number.NaN : Number(failure.vendorCode)
  const meaning = Number.isInteger(code) ? klingMeaning(code) : undefined
  if (meaning === undefined) return failure
  return new AttemptError(`${failure.message} (Kling code ${code})`, {
    code: meaning.code,
    retryable: meaning.retryable,
    rateLimited: meaning.code === 'E_PROVIDER_RATE_LIMIT',
    vendorCode: String(code),
    unsent: failure.unsent,
    ...(failure.status === undefined ? {} : { status: failure.status }),
    ...(failure.requestId === undefined ? {} : { requestId: failure.requestId }),
    ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
    ...(meaning.hint === undefined ? {} : { hint: meaning.hint }),
    cause: failure,
  })
}

/** A 2xx answer whose `code` is not 0: the same meanings, as a failure of that attempt. */
export function klingBodyFailure(code: number, message: string): AttemptError {
  const meaning = klingMeaning(code) ?? { code: 'E_PROVIDER_FAILED' as const, retryable: false }
  return new AttemptError(`Kling code ${code}: ${message}`, {
    code: meaning.code,
    retryable: meaning.retryable,
    rateLimited: meaning.code === 'E_PROVIDER_RATE_LIMIT',
    vendorCode: String(code),
    ...(meaning.hint === undefined ? {} : { hint: meaning.hint }),
  })
}
