import { badResponse, type HttpClient, retryIfUnprocessed } from '../http/index.js'
import { fingerprintOf } from '../fingerprint.js'
import { asJobGone } from '../job-gone.js'
import type { CallOptions, JsonValue, VideoJob, VideoModel, VideoRequest, VideoStatus } from '../types.js'
import { parseOperation } from './operation.js'
import { DEFAULT_POLL_INTERVAL_MS, modelPath, type VeoOptions } from './settings.js'
import { veoCapabilities } from './veo-capabilities.js'

export interface VeoModelConfig {
  readonly provider: string
  readonly modelId: string
  readonly client: HttpClient
  /** The API's origin: the only one (besides Google's own) that may receive the key on a download. */
  readonly baseURL: string
  readonly options?: VeoOptions | undefined
  readonly pollIntervalMs?: number | undefined
  readonly downloadDir?: string | undefined
}

const GOOGLE_API_ORIGIN = 'https://generativelanguage.googleapis.com'
/** Statuses of a download whose link is gone: polling again cannot bring it back, only a new job. */
const GONE = new Set([403, 404, 410])
/** Operation names as the API returns them ("models/veo-…/operations/abc"); nothing that could leave /v1beta. */
const OPERATION_NAME = /^(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9][\w.\-/]*$/

/**
 * Veo through the Gemini API: `:predictLongRunning` starts a job (billable, so retried only when
 * the server provably did nothing), `GET /v1beta/{name}` polls it, and the clip is downloaded with
 * the key at once (links expire after about two days). The pipeline fits the request to the
 * capability table (configs/capabilities.yaml) before it gets here; Vertex-only fields are never sent, so a
 * request's `generateAudio` is not either: Veo 3 makes its sound anyway (veo-capabilities.ts),
 * and the flag only keeps it, as the film's ambience, and is part of the cache key.
 */
export function createVeoModel(config: VeoModelConfig): VideoModel {
  const { modelId, client } = config
  const options = config.options ?? {}
  const apiOrigin = new URL(config.baseURL).origin
  const fingerprint = fingerprintOf(options)

  const download = async (uri: string, job: VideoJob, call: CallOptions): Promise<VideoStatus> => {
    // The key goes to the API's own host only; a redirect to storage elsewhere drops it (HTTP layer).
    const origin = /^https?:\/\//i.test(uri) ? new URL(uri).origin : apiOrigin // a relative uri resolves against the API
    const auth = origin === apiOrigin || origin === GOOGLE_API_ORIGIN
    try {
      const file = await client.download(uri, { model: modelId, call, expect: 'video', auth, dir: config.downloadDir })
      return { state: 'done', video: file.value, requestId: file.requestId }
    } catch (error) {
      // Veo keeps clips about 2 days: the job's output is gone, so the cache layer starts a new one.
      throw asJobGone(error, job, GONE)
    }
  }

  return {
    kind: 'video',
    provider: config.provider,
    modelId,
    capabilities: veoCapabilities(modelId),
    pollIntervalMs: config.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    fingerprint,
    async start(request: VideoRequest, call: CallOptions = {}): Promise<VideoJob> {
      const instance: Record<string, JsonValue> = { prompt: request.prompt }
      if (request.image) {
        instance.image = { bytesBase64Encoded: Buffer.from(request.image.bytes).toString('base64'), mimeType: request.image.mediaType }
      }
      const parameters: Record<string, JsonValue> = { aspectRatio: request.aspectRatio, durationSeconds: request.seconds }
      if (options.resolution) parameters.resolution = options.resolution
      if (options.personGeneration) parameters.personGeneration = options.personGeneration
      if (options.negativePrompt) parameters.negativePrompt = options.negativePrompt
      const result = await client.postJson(modelPath(modelId, 'predictLongRunning'), { instances: [instance], parameters }, {
        model: modelId,
        call,
        retryIf: retryIfUnprocessed,
        parse: operationNameOf,
      })
      const name = result.value
      return {
        // Only the name: the cache writes the state to disk, so it must never hold a secret.
        id: name,
        state: { name },
        requestId: result.requestId,
        attempts: result.attempts,
      }
    },
    async status(job: VideoJob, call: CallOptions = {}): Promise<VideoStatus> {
      const state = job.state
      const stored = typeof state === 'object' && state !== null && !Array.isArray(state) ? (state as { name?: unknown }).name : undefined
      const name = typeof stored === 'string' ? stored : job.id
      if (!OPERATION_NAME.test(name)) return { state: 'failed', code: 'BAD_JOB', message: `"${name}" is not a Veo operation name` }
      // An operation the API no longer knows answers 404: E_PROVIDER_JOB_GONE, started again by the cache layer.
      const result = await client.getJson(name, { model: modelId, call, parse: parseOperation }).catch((error: unknown) => {
        throw asJobGone(error, job)
      })
      const operation = result.value
      switch (operation.state) {
        case 'pending':
          return operation.progress === undefined ? { state: 'pending' } : { state: 'pending', progress: operation.progress }
        case 'failed':
          return { state: 'failed', message: operation.message, code: operation.code }
        case 'bytes':
          return { state: 'done', video: operation.video, requestId: result.requestId }
        case 'video':
          return download(operation.uri, job, call)
      }
    },
  }
}

/** A start's answer must name the operation; without it the job is lost (and is not retried). */
function operationNameOf(body: unknown): string {
  const name = typeof body === 'object' && body !== null ? (body as { name?: unknown }).name : undefined
  if (typeof name !== 'string' || !OPERATION_NAME.test(name)) {
    throw badResponse('the start answer names no operation (expected {"name": "models/…/operations/…"})', { retry: false })
  }
  return name
}
