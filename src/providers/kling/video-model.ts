import { fingerprintOf } from '../fingerprint.js'
import { nearestSeconds, supportedAspect } from '../fit-request.js'
import { type AttemptError, type HttpClient, retryIfUnprocessed } from '../http/index.js'
import { asJobGone } from '../job-gone.js'
import type { CallOptions, JsonValue, VideoJob, VideoModel, VideoRequest, VideoStatus } from '../types.js'
import { parseCreated, parseTask, taskRefOf, type KlingEndpoint } from './kling-task.js'
import { KLING_CAPABILITIES, KLING_POLL_INTERVAL_MS, type KlingVideoOptions } from './settings.js'

export interface KlingVideoConfig {
  readonly provider: string
  readonly modelId: string
  readonly client: HttpClient
  /** A fresh (or still young) JWT per request: tokens expire after 30 minutes. */
  readonly token: () => string
  readonly options?: KlingVideoOptions | undefined
  readonly pollIntervalMs?: number | undefined
  readonly downloadDir?: string | undefined
}

/** A billable start is sent again only when the answer proves no task was made (a 429, a 503, a rate-limit code). */
const retryStart = (failure: AttemptError) => retryIfUnprocessed(failure) || failure.rateLimited
/** Kling clears outputs after 30 days: a dead link cannot come back, only a new task. */
const CONTENT_GONE = new Set([403, 404, 410])

/**
 * Kling's official API: `POST /v1/videos/image2video` (the first frame as bare base64, no data:
 * prefix) or `/text2video`, then `GET …/{task_id}` until `succeed`, then the clip's URL, which
 * needs no auth. Durations are fitted to 5 or 10 s before anything is paid for.
 */
export function createKlingVideoModel(config: KlingVideoConfig): VideoModel {
  const { client, modelId } = config
  const options = config.options ?? {}
  const auth = () => ({ authorization: `Bearer ${config.token()}` })

  return {
    kind: 'video',
    provider: config.provider,
    modelId,
    capabilities: KLING_CAPABILITIES,
    fingerprint: fingerprintOf(options),
    pollIntervalMs: config.pollIntervalMs ?? KLING_POLL_INTERVAL_MS,
    async start(request: VideoRequest, call: CallOptions = {}): Promise<VideoJob> {
      const warnings: string[] = []
      const duration = nearestSeconds(request.seconds, KLING_CAPABILITIES.seconds)
      if (duration !== request.seconds) warnings.push(`${modelId} makes clips of 5 or 10 s: asked ${request.seconds} s, generated ${duration} s`)
      const endpoint: KlingEndpoint = request.image ? 'image2video' : 'text2video'
      // Kling wants the duration as a string ("5"), and the image as base64 without a data: prefix.
      const body: Record<string, JsonValue> = { model_name: modelId, prompt: request.prompt, duration: String(duration), mode: options.mode ?? 'std' }
      if (request.image) body.image = Buffer.from(request.image.bytes).toString('base64')
      else {
        const aspect = supportedAspect(request.aspectRatio, KLING_CAPABILITIES.aspectRatios)
        if (aspect !== request.aspectRatio) warnings.push(`${modelId} offers no ${request.aspectRatio} video: generated at ${aspect}, the editor fits it to the film's frame`)
        body.aspect_ratio = aspect
      }
      if (options.negativePrompt) body.negative_prompt = options.negativePrompt
      if (options.cfgScale !== undefined) body.cfg_scale = options.cfgScale
      const created = await client.postJson(`v1/videos/${endpoint}`, body, { model: modelId, call, headers: auth(), retryIf: retryStart, parse: parseCreated })
      return {
        id: created.value,
        state: { task_id: created.value, endpoint },
        requestId: created.requestId,
        attempts: created.attempts,
        ...(warnings.length === 0 ? {} : { warnings }),
      }
    },
    async status(job: VideoJob, call: CallOptions = {}): Promise<VideoStatus> {
      const ref = taskRefOf(job)
      // A task Kling no longer knows answers 404: E_PROVIDER_JOB_GONE, started again by the cache layer.
      const polled = await client
        .getJson(`v1/videos/${ref.endpoint}/${encodeURIComponent(ref.task_id)}`, { model: modelId, call, headers: auth(), parse: parseTask })
        .catch((error: unknown) => {
          throw asJobGone(error, job)
        })
      const task = polled.value
      if (task.state === 'pending') return { state: 'pending' }
      // A refusal keeps a code the fallback and the hint recognise; the task is not billed.
      if (task.state === 'failed') return { state: 'failed', message: task.message, code: task.refused ? 'CONTENT_POLICY' : 'KLING_FAILED' }
      const file = await client
        .download(task.url, { model: modelId, call, expect: 'video', auth: false, dir: config.downloadDir })
        .catch((error: unknown) => {
          throw asJobGone(error, job, CONTENT_GONE)
        })
      return { state: 'done', video: file.value, requestId: file.requestId, attempts: file.attempts }
    },
  }
}
