import { AttemptError, badResponse, type ProviderErrorCode } from '../http/index.js'

type Json = Record<string, unknown>
export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

interface Meaning {
  readonly code: ProviderErrorCode
  readonly retryable: boolean
  readonly hint?: string
}

/** Codes MiniMax sends inside an HTTP 200 (`base_resp.status_code`), from its error-code table. */
const MEANINGS: Readonly<Record<number, Meaning>> = {
  1000: { code: 'E_PROVIDER_FAILED', retryable: true },
  1001: { code: 'E_PROVIDER_TIMEOUT', retryable: true },
  1002: { code: 'E_PROVIDER_RATE_LIMIT', retryable: true },
  1004: { code: 'E_PROVIDER_AUTH', retryable: false, hint: 'set MINIMAX_API_KEY to a valid MiniMax API key (international keys work only on api.minimax.io, mainland ones on api.minimaxi.com)' },
  1008: { code: 'E_PROVIDER_QUOTA', retryable: false, hint: 'your MiniMax balance is used up: top it up in the MiniMax account console, then rerun (finished work is cached)' },
  1026: { code: 'E_PROVIDER_REFUSED', retryable: false },
  1027: { code: 'E_PROVIDER_REFUSED', retryable: false },
  2013: { code: 'E_PROVIDER_HTTP', retryable: false, hint: 'MiniMax rejected the parameters: check the model id, its resolution and duration (providers.minimax in vimax.config.yaml)' },
  2038: { code: 'E_PROVIDER_AUTH', retryable: false, hint: 'MiniMax wants the account verified (real-name verification) before it generates: finish it in the MiniMax console' },
  2049: { code: 'E_PROVIDER_AUTH', retryable: false },
}

export interface BaseResp {
  readonly statusCode: number
  readonly message: string
}

/** The `base_resp` of any answer; absent counts as success (some proxies drop it). */
export function baseRespOf(body: unknown): BaseResp {
  if (!isObject(body)) throw badResponse('expected a MiniMax answer object')
  const base = isObject(body.base_resp) ? body.base_resp : {}
  const statusCode = typeof base.status_code === 'number' ? base.status_code : 0
  const message = typeof base.status_msg === 'string' && base.status_msg.trim() ? base.status_msg : 'no message'
  return { statusCode, message }
}

export const isRefusal = (statusCode: number) => statusCode === 1026 || statusCode === 1027

/** A non-zero `base_resp.status_code` as the failure of this attempt (retried when the code says so). */
export function minimaxFailure(base: BaseResp): AttemptError {
  const meaning = MEANINGS[base.statusCode] ?? { code: 'E_PROVIDER_FAILED' as const, retryable: false }
  return new AttemptError(`MiniMax status ${base.statusCode}: ${base.message}`, {
    code: meaning.code,
    retryable: meaning.retryable,
    rateLimited: meaning.code === 'E_PROVIDER_RATE_LIMIT',
    vendorCode: String(base.statusCode),
    ...(meaning.hint === undefined ? {} : { hint: meaning.hint }),
  })
}
