import { CancelledError } from '../../errors.js'
import { AttemptError } from './attempt-error.js'
import { AttemptTimeout } from './attempt-signal.js'
import { formatTimeout, type TimeoutSetting } from './timeouts.js'

/** The waits an attempt ran under, so a timeout says how long it waited ("no answer in 3 min"). */
export interface AttemptWaits {
  readonly headersMs: number
  readonly idleMs: number
  /** Response headers had arrived when it failed: a timeout then is a slow body, not silence. */
  readonly answered?: boolean
}

const TIMEOUT_CODES: Record<string, { readonly setting: TimeoutSetting; readonly text: (waits?: AttemptWaits) => string }> = {
  UND_ERR_HEADERS_TIMEOUT: { setting: 'request', text: (w) => (w ? `no answer in ${formatTimeout(w.headersMs)}` : 'no answer in time') },
  UND_ERR_BODY_TIMEOUT: { setting: 'body', text: (w) => (w ? `the answer stalled for ${formatTimeout(w.idleMs)}` : 'the answer stalled') },
  UND_ERR_CONNECT_TIMEOUT: { setting: 'connect', text: () => 'could not connect in time' },
  ETIMEDOUT: { setting: 'connect', text: () => 'the connection timed out' },
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
export function classifyFailure(error: unknown, requestId: string, waits?: AttemptWaits): AttemptError {
  if (error instanceof AttemptError || error instanceof CancelledError) throw error
  if (error instanceof AttemptTimeout) {
    const silent = waits !== undefined && !waits.answered
    const detail = error.deadline ? error.message : `${silent ? 'no answer' : 'no complete answer'} in ${formatTimeout(error.ms)}`
    const timeout = error.deadline ? 'total' : 'request'
    return new AttemptError(detail, { code: 'E_PROVIDER_TIMEOUT', retryable: !error.deadline, requestId, timeout, silent, cause: error })
  }
  const code = errorCode(error)
  const timeout = code === undefined ? undefined : TIMEOUT_CODES[code]
  if (code && timeout) {
    const unsent = BEFORE_SEND.has(code)
    const silent = code === 'UND_ERR_HEADERS_TIMEOUT'
    return new AttemptError(`${timeout.text(waits)} (${code})`, { code: 'E_PROVIDER_TIMEOUT', retryable: true, requestId, unsent, timeout: timeout.setting, silent, cause: error })
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
