import { AttemptError, type HttpClient } from '../http/index.js'
import type { Sleep } from '../../util/sleep.js'
import type { CallOptions, ImageModel, ImageRequest, ImageResult, JsonValue } from '../types.js'
import { falInput } from './input.js'
import { endpointFor, falModel } from './models.js'
import { fetchMedia, outputMediaUrl } from './output.js'
import { onQueueOrigin, parseQueued, parseQueueStatus, type QueueStatus, SETTLED } from './queue.js'

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
 * An image over fal's queue: submit, poll the returned status URL, fetch the result, download
 * the first image from the CDN. Only the first reference is sent (flux edits take one image).
 */
export function createFalImageModel(config: FalImageConfig): ImageModel {
  const { client, modelId } = config
  const model = falModel(modelId, 'image')
  const fingerprint: Record<string, JsonValue> = {}
  if (model.withImage) fingerprint.withReferences = model.withImage
  if (model.withoutImage) fingerprint.withoutReferences = model.withoutImage
  return {
    kind: 'image',
    provider: config.provider,
    modelId,
    fingerprint,
    async generate(request: ImageRequest, call: CallOptions = {}): Promise<ImageResult> {
      const [reference, ...rest] = request.references
      const endpoint = endpointFor(modelId, 'image', reference !== undefined)
      const { input, warnings } = falInput(endpoint, { ...request, image: reference })
      if (endpoint.sendsImage && rest.length > 0) warnings.push(`${rest.length} reference image(s) not sent: ${endpoint.id} takes one`)
      const ctx = { model: modelId, call }
      const submitted = await client.postJson(endpoint.id, input, { ...ctx, parse: parseQueued })
      const { requestId, statusUrl, responseUrl } = submitted.value
      const settled = await untilSettled(config, onQueueOrigin(statusUrl, config.base), call)
      if (settled.error) throw client.fail(new AttemptError(`request ${requestId} failed: ${settled.error}`, { code: 'E_PROVIDER_FAILED', retryable: false }), ctx)
      const result = await client.getJson(onQueueOrigin(responseUrl, config.base), { ...ctx, parse: outputMediaUrl('image') })
      const media = await fetchMedia(client, result.value, 'image', { ...ctx, dir: config.downloadDir })
      return {
        images: [media.media],
        requestId,
        attempts: submitted.attempts,
        ...(warnings.length === 0 ? {} : { warnings }),
      }
    },
  }
}

async function untilSettled(config: FalImageConfig, statusUrl: string, call: CallOptions): Promise<QueueStatus> {
  const maxPolls = Math.max(1, Math.ceil(config.timeoutMs / Math.max(1, config.pollIntervalMs)))
  for (let polls = 1; ; polls++) {
    const { value } = await config.client.getJson(statusUrl, { model: config.modelId, call, parse: parseQueueStatus })
    if (SETTLED.has(value.status)) return value
    if (polls >= maxPolls) {
      const problem = new AttemptError(`still ${value.status} after ${polls} polls (${Math.round(config.timeoutMs / 1000)} s)`, { code: 'E_PROVIDER_TIMEOUT', retryable: true })
      throw config.client.fail(problem, { model: config.modelId, call, target: 'GET queue status' })
    }
    await config.sleep(config.pollIntervalMs, call.signal)
  }
}
