import { type HttpClient, responseProblem, type MediaKind } from '../http/index.js'
import { asJobGone } from '../job-gone.js'
import type { CallOptions, JsonValue, Media, VideoJob } from '../types.js'
import { fetchMedia, outputMediaUrl } from './output.js'
import { fetchResult, onQueueOrigin, parseQueueStatus, SETTLED } from './queue.js'

/** What a submitted request keeps on disk: the queue's own URLs (no key in them). */
export interface QueueJobState {
  readonly status_url: string
  readonly response_url: string
}

export type QueueJobStatus =
  | { readonly state: 'pending'; readonly detail: string; readonly queuePosition?: number }
  | { readonly state: 'failed'; readonly message: string; readonly code: string }
  | { readonly state: 'done'; readonly media: Media; readonly requestId: string; readonly attempts: number }

/** Media links fal's CDN no longer serves: the output is gone with them. */
const DOWNLOAD_GONE = new Set([403, 404, 410])

/**
 * One poll of a queued request, image or video: the status URL, and once settled the result
 * (where a failed request shows) and its media. A request or output fal no longer knows
 * (404) is E_PROVIDER_JOB_GONE, so the cache layer can start it again.
 */
export async function pollQueueJob(
  client: HttpClient,
  job: VideoJob,
  ctx: { readonly model: string; readonly call: CallOptions; readonly base: URL; readonly kind: MediaKind; readonly downloadDir?: string | undefined },
): Promise<QueueJobStatus> {
  const call = { model: ctx.model, call: ctx.call }
  const state = queueStateOf(job)
  if (!state) throw client.fail(responseProblem('E_PROVIDER_BAD_RESPONSE', `job ${job.id} has no queue URLs to poll`), call)
  try {
    const polled = await client.getJson(onQueueOrigin(state.status_url, ctx.base), { ...call, parse: parseQueueStatus })
    const { status, queuePosition, error } = polled.value
    if (!SETTLED.has(status)) return { state: 'pending', detail: status, ...(queuePosition === undefined ? {} : { queuePosition }) }
    if (error) return { state: 'failed', message: error, code: status }
    const result = await fetchResult(client, onQueueOrigin(state.response_url, ctx.base), call, outputMediaUrl(ctx.kind))
    if (!result.ok) return { state: 'failed', message: result.message, code: result.code }
    try {
      const media = await fetchMedia(client, result.value, ctx.kind, { ...call, dir: ctx.downloadDir })
      return { state: 'done', media: media.media, requestId: result.requestId, attempts: result.attempts }
    } catch (error) {
      throw asJobGone(error, job, DOWNLOAD_GONE)
    }
  } catch (error) {
    throw asJobGone(error, job)
  }
}

/** The job's stored state, checked: it comes back from disk and may predate this code. */
export function queueStateOf(job: VideoJob): QueueJobState | undefined {
  const state = job.state as Record<string, JsonValue> | null | undefined
  if (!state || typeof state !== 'object' || Array.isArray(state)) return undefined
  const { status_url: statusUrl, response_url: responseUrl } = state
  return typeof statusUrl === 'string' && typeof responseUrl === 'string' ? { status_url: statusUrl, response_url: responseUrl } : undefined
}
