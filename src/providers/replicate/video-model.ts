import { type HttpClient, retryIfUnprocessed } from '../http/index.js'
import type { CallOptions, VideoJob, VideoModel, VideoRequest, VideoStatus } from '../types.js'
import { replicateCapabilities, replicateInput } from './input.js'
import { pollPrediction } from './poll-prediction.js'
import { createBody, modelAddress, parsePrediction, predictionState } from './prediction.js'

export interface ReplicateVideoConfig {
  readonly provider: string
  readonly modelId: string
  readonly client: HttpClient
  readonly pollIntervalMs: number
  readonly downloadDir?: string | undefined
}

/**
 * A clip as a prediction: created without waiting (video takes minutes), then polled by the run's
 * job loop, which records the prediction id so a crash resumes it instead of paying again.
 */
export function createReplicateVideoModel(config: ReplicateVideoConfig): VideoModel {
  const { client, modelId } = config
  const address = modelAddress(modelId)
  const capabilities = replicateCapabilities(modelId)
  return {
    kind: 'video',
    provider: config.provider,
    modelId,
    ...(capabilities === undefined ? {} : { capabilities }),
    pollIntervalMs: config.pollIntervalMs,
    async start(request: VideoRequest, call: CallOptions = {}): Promise<VideoJob> {
      const { input, warnings } = replicateInput(modelId, request)
      const created = await client.postJson(address.path, createBody(address, input), { model: modelId, call, retryIf: retryIfUnprocessed, parse: parsePrediction })
      return {
        id: created.value.id,
        state: predictionState(created.value),
        requestId: created.requestId,
        attempts: created.attempts,
        ...(warnings.length === 0 ? {} : { warnings }),
      }
    },
    async status(job: VideoJob, call: CallOptions = {}): Promise<VideoStatus> {
      const polled = await pollPrediction(client, job, { model: modelId, call, kind: 'video', downloadDir: config.downloadDir })
      if (polled.state === 'pending') return { state: 'pending' }
      if (polled.state === 'failed') return polled
      return { state: 'done', video: polled.media, requestId: polled.requestId, attempts: polled.attempts }
    },
  }
}
