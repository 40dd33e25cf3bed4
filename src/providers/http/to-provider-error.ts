import { ProviderError } from '../../errors.js'
import type { AttemptError } from './attempt-error.js'
import type { ProviderErrorCode } from './error-codes.js'
import type { Redactor } from './redact.js'
import type { TimeoutSetting } from './timeouts.js'

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
    hint: redactor.redact(failure.hint ?? hintFor(failure.code, failure.status, context, failure.timeout)),
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

export function hintFor(code: ProviderErrorCode, status: number | undefined, context: FailureContext, timeout?: TimeoutSetting): string {
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
      return timeoutHint(provider, timeout)
    case 'E_PROVIDER_NETWORK':
      return `check the network and the base URL of ${provider}, then rerun`
    case 'E_PROVIDER_BAD_RESPONSE':
      return `rerun; if it persists, check that the base URL of ${provider} points at the API it claims to be`
    case 'E_PROVIDER_TRUNCATED':
      return `${model} stopped at its output-token limit before the answer was complete: choose a chat model with a larger output limit (models.chat in the spec), or a shorter story`
    case 'E_PROVIDER_EMPTY':
      return `rerun (finished work is cached); if the answer stays empty, give the shot another take with --reroll`
    case 'E_PROVIDER_JOB_GONE':
      return `rerun: ${provider} no longer knows this job, so it is started again (a new paid call)`
    case 'E_PROVIDER_FAILED':
      return `rerun (finished work is cached); if it persists, try another model`
    case 'E_PROVIDER_HTTP':
      if (status === 404) return `check the model id "${model}" and the base URL of ${provider}`
      if (status !== undefined && status >= 500) return `${provider} is failing; rerun later (finished work is cached)`
      return `the request was rejected; check the model id "${model}" and its settings`
  }
}

/** Names the setting that fired, as it is spelt in vimax.config.yaml. */
function timeoutHint(provider: string, timeout: TimeoutSetting | undefined): string {
  // The connection timeout is the shared pool's (15 s): a host that slow to accept is unreachable.
  if (timeout === 'connect') return `check the network, a proxy (HTTPS_PROXY, NO_PROXY) and providers.${provider}.base_url in vimax.config.yaml, then rerun`
  const setting = `providers.${provider}.timeouts.${timeout ?? 'request'}`
  const why =
    timeout === 'total'
        ? `rerun to resume (finished work is cached)`
        : `check that providers.${provider}.base_url answers (vimax doctor), then rerun (finished work is cached)`
  return `${why}; if ${provider} is just slow, raise ${setting} in vimax.config.yaml`
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
