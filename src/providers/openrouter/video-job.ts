import { badResponse } from '../http/index.js'
import type { JsonValue, VideoJob } from '../types.js'

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined)

/** What a started job keeps on disk: ids and a URL, never a key. */
export interface JobState {
  readonly id: string
  readonly polling_url: string
}

/** The 202 of `POST /videos`; without an id there is nothing to poll, so it is unusable. */
export function parseSubmitted(body: unknown): JobState {
  if (!isObject(body)) throw badResponse('expected a video job object')
  const id = text(body.id)
  if (!id) throw badResponse('the video job has no id')
  // The documented polling path stands in when a proxy drops polling_url.
  return { id, polling_url: text(body.polling_url) ?? `videos/${encodeURIComponent(id)}` }
}

export interface JobSnapshot {
  /** Open enum: pending, in_progress, completed, failed, cancelled, expired, or something newer. */
  readonly status: string
  readonly error?: string
  readonly urls: readonly string[]
}

export function parseJobStatus(body: unknown): JobSnapshot {
  if (!isObject(body)) throw badResponse('expected a video job object')
  const status = text(body.status)
  if (!status) throw badResponse('the video job has no status')
  const urls = Array.isArray(body.unsigned_urls) ? body.unsigned_urls.filter((url): url is string => typeof url === 'string' && url !== '') : []
  const error = text(body.error) ?? (isObject(body.error) ? text(body.error.message) : undefined)
  return { status, urls, ...(error === undefined ? {} : { error }) }
}

/** The job's stored state, checked: it comes back from disk and may predate this code. */
export function stateOf(job: VideoJob): JobState {
  const state = job.state as { [key: string]: JsonValue } | undefined
  const pollingUrl = state && typeof state === 'object' && typeof state.polling_url === 'string' ? state.polling_url : undefined
  return { id: job.id, polling_url: pollingUrl ?? `videos/${encodeURIComponent(job.id)}` }
}

/**
 * An absolute URL on the API's origin. Relative URLs resolve like a browser would ("/api/v1/…"
 * from the origin, "videos/…" under the base); a URL on another origin falls back to `fallback`,
 * so the Bearer key is never sent anywhere else.
 */
export function onApiOrigin(target: string, base: URL, fallback: string): string {
  const url = new URL(target, base)
  return url.origin === base.origin ? url.toString() : new URL(fallback, base).toString()
}
