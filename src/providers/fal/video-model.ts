import { type HttpClient, responseProblem, retryIfUnprocessed } from '../http/index.js'
import type { CallOptions, JsonValue, VideoJob, VideoModel, VideoRequest, VideoStatus } from '../types.js'
import { falInput } from './input.js'
import { endpointFor, falCapabilities, falModel } from './models.js'
import { fetchMedia, outputMediaUrl } from './output.js'
import { fetchResult, onQueueOrigin, parseQueued, parseQueueStatus, SETTLED } from './queue.js'

export interface FalVideoConfig {
  readonly provider: string
  readonly modelId: string
  readonly client: HttpClient
  readonly base: URL
  readonly pollIntervalMs: number
  readonly downloadDir?: string | undefined
}

/** What a started job keeps on disk: the queue's own URLs (no key in them). */
interface JobState {
  readonly status_url: string
  readonly response_url: string
}

/**
 * A clip over fal's queue. `start` submits once (retried only when nothing was queued);
 * `status` polls the returned status URL and, once settled, fetches the result, which is
 * where a failed request shows.
 */
export function createFalVideoModel(config: FalVideoConfig): VideoModel {
  const { client, modelId } = config
  const model = falModel(modelId, 'video')
  const capabilities = falCapabilities(modelId)
  const fingerprint: Record<string, JsonValue> = {}
  if (model.withoutImage) fingerprint.withoutImage = model.withoutImage
  if (model.withImage) fingerprint.withImage = model.withImage
  return {
    kind: 'video',
    provider: config.provider,
    modelId,
    fingerprint,
    ...(capabilities === undefined ? {} : { capabilities }),
    pollIntervalMs: config.pollIntervalMs,
    async start(request: VideoRequest, call: CallOptions = {}): Promise<VideoJob> {
      const endpoint = endpointFor(modelId, 'video', request.image !== undefined)
      const { input, warnings } = falInput(endpoint, request)
      const result = await client.postJson(endpoint.id, input, { model: modelId, call, retryIf: retryIfUnprocessed, parse: parseQueued })
      const { requestId, statusUrl, responseUrl } = result.value
      const state: JobState = { status_url: statusUrl, response_url: responseUrl }
      return {
        id: requestId,
        state: { ...state },
        requestId: result.requestId,
        attempts: result.attempts,
        ...(warnings.length === 0 ? {} : { warnings }),
      }
    },
    async status(job: VideoJob, call: CallOptions = {}): Promise<VideoStatus> {
      const ctx = { model: modelId, call }
      const state = stateOf(job)
      if (!state) throw client.fail(responseProblem('E_PROVIDER_BAD_RESPONSE', `job ${job.id} has no queue URLs to poll`), ctx)
      const polled = await client.getJson(onQueueOrigin(state.status_url, config.base), { ...ctx, parse: parseQueueStatus })
      const { status, queuePosition, error } = polled.value
      if (!SETTLED.has(status)) {
        // Not in VideoStatus's type, but kept on the object for logs and debugging.
        const pending = { state: 'pending' as const, ...(queuePosition === undefined ? {} : { queuePosition }) }
        return pending
      }
      if (error) return { state: 'failed', message: error, code: status }
      const result = await fetchResult(client, onQueueOrigin(state.response_url, config.base), ctx, outputMediaUrl('video'))
      if (!result.ok) return { state: 'failed', message: result.message, code: result.code }
      const media = await fetchMedia(client, result.value, 'video', { ...ctx, dir: config.downloadDir })
      return { state: 'done', video: media.media, requestId: result.requestId, attempts: result.attempts }
    },
  }
}

function stateOf(job: VideoJob): JobState | undefined {
  const state = job.state as Record<string, JsonValue> | null | undefined
  if (!state || typeof state !== 'object' || Array.isArray(state)) return undefined
  const { status_url: statusUrl, response_url: responseUrl } = state
  return typeof statusUrl === 'string' && typeof responseUrl === 'string' ? { status_url: statusUrl, response_url: responseUrl } : undefined
}
