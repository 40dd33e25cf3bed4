import { dataUrl, nearestSeconds } from '../fit-request.js'
import { fingerprintOf } from '../fingerprint.js'
import { type AttemptError, type HttpClient, retryIfUnprocessed } from '../http/index.js'
import { asJobGone } from '../job-gone.js'
import type { CallOptions, JsonValue, VideoJob, VideoModel, VideoRequest, VideoStatus } from '../types.js'
import { parseCreated, parseFile, parseQuery } from './minimax-task.js'
import { MINIMAX_POLL_INTERVAL_MS, minimaxCapabilities, type MinimaxVideoOptions } from './settings.js'

export interface MinimaxVideoConfig {
  readonly provider: string
  readonly modelId: string
  readonly client: HttpClient
  readonly options?: MinimaxVideoOptions | undefined
  readonly pollIntervalMs?: number | undefined
  readonly downloadDir?: string | undefined
}

/** A billable start is sent again only when the answer proves no task was made (a 429, a 503, code 1002). */
const retryStart = (failure: AttemptError) => retryIfUnprocessed(failure) || failure.rateLimited
/** An expired download_url: the clip is gone with it. */
const CONTENT_GONE = new Set([403, 404, 410])

/**
 * MiniMax Hailuo: `POST /v1/video_generation`, poll `GET /v1/query/video_generation`, then
 * `GET /v1/files/retrieve` for a short-lived URL and download it at once. Failures mostly come
 * as HTTP 200 with `base_resp.status_code`, read in minimax-errors.ts.
 */
export function createMinimaxVideoModel(config: MinimaxVideoConfig): VideoModel {
  const { client, modelId } = config
  const options = config.options ?? {}
  const capabilities = minimaxCapabilities(modelId, options.resolution)

  return {
    kind: 'video',
    provider: config.provider,
    modelId,
    capabilities,
    fingerprint: fingerprintOf(options),
    pollIntervalMs: config.pollIntervalMs ?? MINIMAX_POLL_INTERVAL_MS,
    async start(request: VideoRequest, call: CallOptions = {}): Promise<VideoJob> {
      const warnings: string[] = []
      const duration = nearestSeconds(request.seconds, capabilities.seconds)
      if (duration !== request.seconds) warnings.push(`${modelId} makes clips of ${capabilities.seconds.join(' or ')} s: asked ${request.seconds} s, generated ${duration} s`)
      if (!request.image && request.aspectRatio !== '16:9') warnings.push(`${modelId} makes text-to-video clips at 16:9: the editor fits it to the film's ${request.aspectRatio} frame`)
      const body: Record<string, JsonValue> = { model: modelId, prompt: request.prompt, duration, prompt_optimizer: options.promptOptimizer ?? false }
      if (options.resolution) body.resolution = options.resolution
      if (request.image) body.first_frame_image = dataUrl(request.image)
      const created = await client.postJson('v1/video_generation', body, { model: modelId, call, retryIf: retryStart, parse: parseCreated })
      return {
        id: created.value,
        state: { task_id: created.value },
        requestId: created.requestId,
        attempts: created.attempts,
        ...(warnings.length === 0 ? {} : { warnings }),
      }
    },
    async status(job: VideoJob, call: CallOptions = {}): Promise<VideoStatus> {
      const query = `v1/query/video_generation?task_id=${encodeURIComponent(job.id)}`
      const polled = await client.getJson(query, { model: modelId, call, parse: parseQuery }).catch((error: unknown) => {
        throw asJobGone(error, job)
      })
      const task = polled.value
      if (task.state === 'pending') return { state: 'pending' }
      // A refusal keeps a code the fallback and the hint recognise.
      if (task.state === 'failed') return { state: 'failed', message: task.message, code: task.refused ? 'CONTENT_POLICY' : 'MINIMAX_FAILED' }
      const file = await client.getJson(`v1/files/retrieve?file_id=${encodeURIComponent(task.fileId)}`, { model: modelId, call, parse: parseFile })
      // The URL is signed for anyone who holds it: no key goes with it.
      const video = await client.download(file.value, { model: modelId, call, expect: 'video', auth: false, dir: config.downloadDir }).catch((error: unknown) => {
        throw asJobGone(error, job, CONTENT_GONE)
      })
      return { state: 'done', video: video.value, requestId: video.requestId, attempts: video.attempts }
    },
  }
}
