import { type HttpClient, retryIfUnprocessed } from '../http/index.js'
import type { CallOptions, JsonValue, VideoJob, VideoModel, VideoRequest, VideoStatus } from '../types.js'
import { falInput } from './input.js'
import { endpointFor, falCapabilities, falModel } from './models.js'
import { parseQueued } from './queue.js'
import { pollQueueJob, type QueueJobState } from './queue-job.js'

export interface FalVideoConfig {
  readonly provider: string
  readonly modelId: string
  readonly client: HttpClient
  readonly base: URL
  readonly pollIntervalMs: number
  readonly downloadDir?: string | undefined
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
      const state: QueueJobState = { status_url: statusUrl, response_url: responseUrl }
      return {
        id: requestId,
        state: { ...state },
        requestId: result.requestId,
        attempts: result.attempts,
        ...(warnings.length === 0 ? {} : { warnings }),
      }
    },
    async status(job: VideoJob, call: CallOptions = {}): Promise<VideoStatus> {
      const polled = await pollQueueJob(client, job, { model: modelId, call, base: config.base, kind: 'video', downloadDir: config.downloadDir })
      // A pending status keeps the queue position: not in VideoStatus's type, but useful in logs.
      if (polled.state !== 'done') return polled
      return { state: 'done', video: polled.media, requestId: polled.requestId, attempts: polled.attempts }
    },
  }
}
