import { ProviderError } from '../../errors.js'
import type { AttemptError } from './attempt-error.js'
import type { ProviderErrorCode } from './error-codes.js'
import type { Redactor } from './redact.js'

/** What a failure message names besides the failure itself. */
export interface FailureContext {
  readonly provider: string
  readonly model: string
  readonly subject?: string | undefined
  /** "POST /v1/chat/completions", "GET cdn.example.com/files/x.mp4": no query, no secrets. */
  readonly target: string
  /** The variable a 401 hint tells the user to set. */
  readonly envVar?: string | undefined
}

const VENDOR_MESSAGE_MAX = 300

/**
 * The one-line error a person reads: provider, model, subject, what was called, what the vendor
 * said (≤ 300 chars), the request id and the attempts — redacted — plus a hint naming the fix.
 */
export function toProviderError(
  failure: AttemptError,
  context: FailureContext,
  meta: { readonly attempts: number; readonly requestId?: string | undefined; readonly note?: string },
  redactor: Redactor,
): ProviderError {
  const who = `${context.provider}:${context.model}${context.subject ? ` (${context.subject})` : ''}`
  const requestId = failure.requestId ?? meta.requestId
  const tail = [requestId ? `request ${requestId}` : undefined, `${meta.attempts} attempt${meta.attempts === 1 ? '' : 's'}`]
  const detail = clip(failure.message.replace(/\s+/g, ' ').trim(), VENDOR_MESSAGE_MAX)
  const message = `${who}: ${context.target}: ${detail}${meta.note ? `; ${meta.note}` : ''} [${tail.filter(Boolean).join(', ')}]`
  return new ProviderError(redactor.redact(message), {
    code: failure.code,
    hint: redactor.redact(failure.hint ?? hintFor(failure.code, failure.status, context)),
    provider: context.provider,
    model: context.model,
    ...(context.subject === undefined ? {} : { subject: context.subject }),
    ...(failure.status === undefined ? {} : { status: failure.status }),
    ...(requestId === undefined ? {} : { requestId }),
    retryable: failure.retryable,
    ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
    cause: failure,
  })
}

export function hintFor(code: ProviderErrorCode, status: number | undefined, context: FailureContext): string {
  const { provider, model } = context
  switch (code) {
    case 'E_PROVIDER_AUTH':
      return status === 403
        ? `check that the key in ${context.envVar ?? 'the config'} may use ${model} (some models need organisation verification or another region)`
        : `set ${context.envVar ?? 'the API key'} to a valid ${provider} API key`
    case 'E_PROVIDER_QUOTA':
      return `add credit or raise the spending limit in your ${provider} account (billing); a per-day quota resets tomorrow`
    case 'E_PROVIDER_RATE_LIMIT':
      return `lower concurrency or rpm for ${provider} in the config, then rerun (finished work is cached)`
    case 'E_PROVIDER_REFUSED':
      return `edit the prompt${context.subject ? ` of ${context.subject}` : ''}: ${provider}'s content policy refused it`
    case 'E_PROVIDER_TIMEOUT':
      return `${provider} was too slow; rerun to resume (finished work is cached) or raise the timeouts in the config`
    case 'E_PROVIDER_NETWORK':
      return `check the network and the base URL of ${provider}, then rerun`
    case 'E_PROVIDER_BAD_RESPONSE':
      return `rerun; if it persists, check that the base URL of ${provider} points at the API it claims to be`
    case 'E_PROVIDER_EMPTY':
      return `rerun with another take (--reroll) or reword the prompt`
    case 'E_PROVIDER_FAILED':
      return `rerun (finished work is cached); if it persists, try another model`
    case 'E_PROVIDER_HTTP':
      if (status === 404) return `check the model id "${model}" and the base URL of ${provider}`
      if (status !== undefined && status >= 500) return `${provider} is failing; rerun later (finished work is cached)`
      return `the request was rejected; check the model id "${model}" and its settings`
  }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
