import { ProviderError } from '../../errors.js'
import { type HttpClient, retryIfUnprocessed } from '../http/index.js'
import { jobImageModel } from '../job-image-model.js'
import type { Sleep } from '../../util/sleep.js'
import type { CallOptions, ImageJob, ImageModel, ImageRequest, ImageStatus } from '../types.js'
import { replicateInput } from './input.js'
import { pollPrediction } from './poll-prediction.js'
import { createBody, modelAddress, parsePrediction, predictionState } from './prediction.js'

export interface ReplicateImageConfig {
  readonly provider: string
  readonly modelId: string
  readonly client: HttpClient
  readonly sleep: Sleep
  readonly pollIntervalMs: number
  readonly timeoutMs: number
  /** Seconds `Prefer: wait` holds the create open (1–60). */
  readonly waitSeconds: number
  readonly downloadDir?: string | undefined
}

/**
 * An image as a prediction. Image models are fast, so the create asks Replicate to hold the
 * answer until the prediction is done (`Prefer: wait`); a slow one comes back running and is
 * polled. The prediction is recorded before any wait on it, so a crash never creates it twice.
 * A run aborted while the prediction runs cancels it: nobody will fetch its output.
 */
export function createReplicateImageModel(config: ReplicateImageConfig): ImageModel {
  const { client, modelId } = config
  const address = modelAddress(modelId)
  const started = new WeakMap<CallOptions, string>()
  const model = jobImageModel({
    kind: 'image',
    provider: config.provider,
    modelId,
    pollIntervalMs: config.pollIntervalMs,
    timeoutMs: config.timeoutMs,
    sleep: config.sleep,
    async start(request: ImageRequest, call: CallOptions): Promise<ImageJob> {
      const [reference, ...rest] = request.references
      const { input, warnings } = replicateInput(modelId, { ...request, image: reference })
      if (reference && rest.length > 0) warnings.push(`${rest.length} reference image(s) not sent: ${modelId} takes one at most`)
      const created = await client.postJson(address.path, createBody(address, input), {
        model: modelId,
        call,
        headers: { prefer: `wait=${config.waitSeconds}` },
        retryIf: retryIfUnprocessed,
        parse: parsePrediction,
      })
      started.set(call, created.value.id)
      return {
        id: created.value.id,
        state: predictionState(created.value),
        requestId: created.requestId,
        attempts: created.attempts,
        ...(warnings.length === 0 ? {} : { warnings }),
      }
    },
    async status(job: ImageJob, call: CallOptions): Promise<ImageStatus> {
      const polled = await pollPrediction(client, job, { model: modelId, call, kind: 'image', downloadDir: config.downloadDir })
      // A recorded prediction found canceled was canceled by the aborted run that recorded it: start it again.
      if (polled.state === 'failed' && polled.code === 'canceled' && started.get(call) !== job.id) throw canceledEarlier(config.provider, modelId, job.id, call)
      if (polled.state !== 'done') return polled
      return { state: 'done', images: [polled.media], requestId: polled.requestId }
    },
  })
  return {
    ...model,
    async generate(request, options = {}) {
      try {
        return await model.generate(request, options)
      } catch (error) {
        const id = started.get(options)
        if (id !== undefined && options.signal?.aborted) await cancelPrediction(client, modelId, id)
        throw error
      }
    },
  }
}

function canceledEarlier(provider: string, modelId: string, id: string, call: CallOptions): ProviderError {
  return new ProviderError(`${provider}:${modelId}${call.subject ? ` (${call.subject})` : ''}: prediction ${id} was canceled when an earlier run was stopped`, {
    code: 'E_PROVIDER_JOB_GONE',
    provider,
    model: modelId,
    ...(call.subject === undefined ? {} : { subject: call.subject }),
    requestId: id,
    hint: `rerun: the canceled prediction is created again (a new paid call)`,
  })
}

/** Best effort, after an abort: the caller's signal is spent, so the cancel runs without it. */
export async function cancelPrediction(client: HttpClient, modelId: string, id: string): Promise<void> {
  await client.postJson(`predictions/${encodeURIComponent(id)}/cancel`, {}, { model: modelId, retry: { maxRetries: 0 } }).catch(() => undefined)
}
