import { type HttpClient, retryIfUnprocessed } from '../http/index.js'
import { jobImageModel } from '../job-image-model.js'
import type { Sleep } from '../../util/sleep.js'
import type { CallOptions, ImageJob, ImageModel, ImageRequest, ImageStatus, JsonValue } from '../types.js'
import { falInput } from './input.js'
import { endpointFor, falModel } from './models.js'
import { parseQueued } from './queue.js'
import { pollQueueJob, type QueueJobState } from './queue-job.js'

export interface FalImageConfig {
  readonly provider: string
  readonly modelId: string
  readonly client: HttpClient
  readonly base: URL
  readonly sleep: Sleep
  readonly pollIntervalMs: number
  /** Polling stops after this long; image requests take seconds, so a stuck queue is reported. */
  readonly timeoutMs: number
  readonly downloadDir?: string | undefined
}

/**
 * An image over fal's queue, as a job: submit (retried only when nothing was queued), then poll
 * the returned status URL, fetch the result and download the first image from the CDN. The
 * request id is recorded before the first poll (see `jobImageModel`), so a crash never submits
 * it twice. Only the first reference is sent (flux edits take one image).
 */
export function createFalImageModel(config: FalImageConfig): ImageModel {
  const { client, modelId } = config
  const model = falModel(modelId, 'image')
  const fingerprint: Record<string, JsonValue> = {}
  if (model.withImage) fingerprint.withReferences = model.withImage
  if (model.withoutImage) fingerprint.withoutReferences = model.withoutImage
  return jobImageModel({
    kind: 'image',
    provider: config.provider,
    modelId,
    fingerprint,
    pollIntervalMs: config.pollIntervalMs,
    timeoutMs: config.timeoutMs,
    sleep: config.sleep,
    async start(request: ImageRequest, call: CallOptions): Promise<ImageJob> {
      const [reference, ...rest] = request.references
      const endpoint = endpointFor(modelId, 'image', reference !== undefined)
      const { input, warnings } = falInput(endpoint, { ...request, image: reference })
      if (endpoint.sendsImage && rest.length > 0) warnings.push(`${rest.length} reference image(s) not sent: ${endpoint.id} takes one`)
      const submitted = await client.postJson(endpoint.id, input, { model: modelId, call, retryIf: retryIfUnprocessed, parse: parseQueued })
      const { requestId, statusUrl, responseUrl } = submitted.value
      const state: QueueJobState = { status_url: statusUrl, response_url: responseUrl }
      return { id: requestId, state: { ...state }, requestId, attempts: submitted.attempts, ...(warnings.length === 0 ? {} : { warnings }) }
    },
    async status(job: ImageJob, call: CallOptions): Promise<ImageStatus> {
      const polled = await pollQueueJob(client, job, { model: modelId, call, base: config.base, kind: 'image', downloadDir: config.downloadDir })
      if (polled.state !== 'done') return polled
      return { state: 'done', images: [polled.media] }
    },
  })
}
