import { ProviderError } from '../../errors.js'
import { AttemptError, badResponse, type HttpClient, type ParseBody } from '../http/index.js'
import type { CallOptions } from '../types.js'

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined)

/** A submitted request. Its URLs drop the endpoint's sub-path, so they are used as given, never rebuilt. */
export interface QueuedRequest {
  readonly requestId: string
  readonly statusUrl: string
  readonly responseUrl: string
}

export function parseQueued(body: unknown): QueuedRequest {
  if (!isObject(body)) throw badResponse('expected a queue submission object')
  const requestId = text(body.request_id)
  const statusUrl = text(body.status_url)
  const responseUrl = text(body.response_url)
  if (!requestId || !statusUrl || !responseUrl) throw badResponse('the queue submission lacks request_id, status_url or response_url')
  return { requestId, statusUrl, responseUrl }
}

export interface QueueStatus {
  /** IN_QUEUE, IN_PROGRESS, COMPLETED, or a value newer than this code. */
  readonly status: string
  readonly queuePosition?: number
  /** Newer queues report a failure on the COMPLETED status; older ones only in the result. */
  readonly error?: string
}

export function parseQueueStatus(body: unknown): QueueStatus {
  if (!isObject(body)) throw badResponse('expected a queue status object')
  const status = text(body.status)
  if (!status) throw badResponse('the queue status has no status')
  const error = text(body.error)
  const position = body.queue_position
  return { status, ...(typeof position === 'number' ? { queuePosition: position } : {}), ...(error ? { error } : {}) }
}

/**
 * Statuses after which the result holds the output or the failure. fal's own clients know only
 * COMPLETED (a failed request completes too); other schemas list FAILED and CANCELED, whose
 * result fetch explains them. Anything else counts as still running.
 */
export const SETTLED = new Set(['COMPLETED', 'FAILED', 'CANCELED', 'CANCELLED'])

/** The URL on the configured origin, so the key never leaves it (a stored job may say otherwise). */
export function onQueueOrigin(target: string, base: URL): string {
  const url = new URL(target, base)
  if (url.origin === base.origin) return url.toString()
  return new URL(`${url.pathname}${url.search}`, base.origin).toString()
}

export type ResultOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly requestId: string; readonly attempts: number }
  | { readonly ok: false; readonly message: string; readonly code: string }

/** Statuses of a result fetch that report the request's own failure, not a failed fetch. */
const JOB_FAILED = (status: number) => status === 400 || status === 422 || status === 499 || status >= 500
const REJECTED_OUTPUT = new Set(['E_PROVIDER_REFUSED', 'E_PROVIDER_EMPTY'])

/**
 * Fetches a settled request's result. A model failure shows only here: 422 `{detail:[…]}` for
 * input the model rejected, 5xx `{detail, error_type}` for a runner that gave up (fal has already
 * retried those). Both, and an output with no media, come back as `ok: false`; a failed fetch
 * (auth, 404, network) throws.
 */
export async function fetchResult<T>(client: HttpClient, url: string, ctx: { model: string; call: CallOptions }, parse: ParseBody<T>): Promise<ResultOutcome<T>> {
  try {
    const result = await client.getJson(url, { model: ctx.model, call: ctx.call, parse })
    return { ok: true, value: result.value, requestId: result.requestId, attempts: result.attempts }
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error
    const failed = (error.status !== undefined && JOB_FAILED(error.status)) || REJECTED_OUTPUT.has(error.code)
    if (!failed) throw error
    const detail = error.cause instanceof AttemptError ? client.redactor.redact(error.cause.message) : error.message
    return { ok: false, message: detail, code: error.status === undefined ? error.code : String(error.status) }
  }
}
