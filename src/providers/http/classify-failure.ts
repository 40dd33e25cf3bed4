import { CancelledError } from '../../errors.js'
import { AttemptError } from './attempt-error.js'
import { AttemptTimeout } from './attempt-signal.js'

const TIMEOUT_CODES: Record<string, string> = {
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'the response body stalled',
  UND_ERR_CONNECT_TIMEOUT: 'could not connect in time',
  ETIMEDOUT: 'the connection timed out',
}
const TRANSIENT_NETWORK = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN',
  'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
])
/** Failures before a single byte reached the server: a retry cannot repeat work (see `retryIfUnprocessed`). */
const BEFORE_SEND = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN'])

/**
 * Turns what a request threw into an attempt failure. Cancellation passes through untouched;
 * anything that is neither a timeout nor a network error is a bug and is rethrown as is.
 */
export function classifyFailure(error: unknown, requestId: string): AttemptError {
  if (error instanceof AttemptError || error instanceof CancelledError) throw error
  if (error instanceof AttemptTimeout) {
    return new AttemptError(error.message, { code: 'E_PROVIDER_TIMEOUT', retryable: !error.deadline, requestId, cause: error })
  }
  const code = errorCode(error)
  if (code && TIMEOUT_CODES[code]) {
    const unsent = BEFORE_SEND.has(code)
    return new AttemptError(`${TIMEOUT_CODES[code]} (${code})`, { code: 'E_PROVIDER_TIMEOUT', retryable: true, requestId, unsent, cause: error })
  }
  if (code && (TRANSIENT_NETWORK.has(code) || /^(E[A-Z_]+|UND_ERR_\w+)$/.test(code))) {
    const message = error instanceof Error ? error.message : String(error)
    return new AttemptError(`network error: ${message} (${code})`, {
      code: 'E_PROVIDER_NETWORK',
      retryable: TRANSIENT_NETWORK.has(code),
      requestId,
      unsent: BEFORE_SEND.has(code),
      cause: error,
    })
  }
  throw error
}

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}
