import { fingerprintOf } from '../fingerprint.js'
import { type HttpClient, retryIfUnprocessed } from '../http/index.js'
import { asJobGone } from '../job-gone.js'
import type { CallOptions, JsonValue, VideoJob, VideoModel, VideoRequest, VideoStatus } from '../types.js'
import { dataUrl, takeSeed } from '../fit-request.js'
import { OPENROUTER_POLL_INTERVAL_MS, openrouterVideoCapabilities } from './settings.js'
import { onApiOrigin, parseJobStatus, parseSubmitted, stateOf } from './video-job.js'

/** Output-affecting video settings; sent with every start and part of the cache key. */
export interface OpenRouterVideoOptions {
  /** `480p`, `720p`, `1080p`… (model permitting). */
  readonly resolution?: string
  readonly generateAudio?: boolean
}

export interface OpenRouterVideoConfig {
  readonly provider: string
  readonly modelId: string
  readonly client: HttpClient
  readonly baseURL: string
  readonly options?: OpenRouterVideoOptions | undefined
  readonly pollIntervalMs?: number | undefined
  readonly downloadDir?: string | undefined
}

const FAILED = new Set(['failed', 'cancelled', 'expired'])
/** A finished job's content that is no longer served: gone with the job. */
const CONTENT_GONE = new Set([403, 404, 410])

/**
 * OpenRouter's video jobs: `POST /videos` (202 + polling_url), poll, then download
 * `unsigned_urls[0]` with the key. The start is billable, so it is retried only when the
 * failure proves no job was made; polls and downloads retry freely.
 */
export function createOpenRouterVideoModel(config: OpenRouterVideoConfig): VideoModel {
  const { client, modelId } = config
  const capabilities = openrouterVideoCapabilities(modelId)
  const base = new URL(config.baseURL.endsWith('/') ? config.baseURL : `${config.baseURL}/`)
  const options = config.options ?? {}
  const fingerprint = fingerprintOf(options)

  return {
    kind: 'video',
    provider: config.provider,
    modelId,
    fingerprint,
    ...(capabilities === undefined ? {} : { capabilities }),
    pollIntervalMs: config.pollIntervalMs ?? OPENROUTER_POLL_INTERVAL_MS,
    async start(request: VideoRequest, call: CallOptions = {}): Promise<VideoJob> {
      // Fitted to the capability table by the pipeline before it gets here.
      const body: Record<string, JsonValue> = { model: modelId, prompt: request.prompt, duration: request.seconds, aspect_ratio: request.aspectRatio }
      if (options.resolution !== undefined) body.resolution = options.resolution
      // The profile's generate_audio wins; the provider's own video option stays for programs that set it.
      const audio = request.generateAudio === true ? true : options.generateAudio
      if (audio !== undefined) body.generate_audio = audio
      const seed = takeSeed(request.seed, request.take)
      if (seed !== undefined) body.seed = seed
      if (request.image) body.frame_images = [{ type: 'image_url', image_url: { url: dataUrl(request.image) }, frame_type: 'first_frame' }]
      // How many go is the capability row's call; the field is OpenRouter's one shape for every model.
      if (request.references?.length) body.input_references = request.references.map((reference) => ({ type: 'image_url', image_url: { url: dataUrl(reference) } }))
      const result = await client.postJson('videos', body, { model: modelId, call, retryIf: retryIfUnprocessed, parse: parseSubmitted })
      const state = result.value
      return {
        id: state.id,
        state: { id: state.id, polling_url: state.polling_url },
        requestId: result.requestId,
        attempts: result.attempts,
      }
    },
    async status(job: VideoJob, call: CallOptions = {}): Promise<VideoStatus> {
      const state = stateOf(job)
      const fallback = `videos/${encodeURIComponent(state.id)}`
      // A job OpenRouter no longer knows answers 404: E_PROVIDER_JOB_GONE, started again by the cache layer.
      const polled = await client.getJson(onApiOrigin(state.polling_url, base, fallback), { model: modelId, call, parse: parseJobStatus }).catch((error: unknown) => {
        throw asJobGone(error, job)
      })
      const snapshot = polled.value
      if (FAILED.has(snapshot.status)) {
        return { state: 'failed', message: snapshot.error ?? `the job ended as ${snapshot.status}`, code: snapshot.status }
      }
      // Unknown statuses count as still running; the caller's deadline bounds them.
      if (snapshot.status !== 'completed') return { state: 'pending' }
      const content = `${fallback}/content?index=0`
      const url = new URL(snapshot.urls[0] ?? content, base)
      // unsigned_urls need the key, which goes only to the API's own origin.
      const file = await client
        .download(url.toString(), { model: modelId, call, expect: 'video', auth: url.origin === base.origin, dir: config.downloadDir })
        .catch((error: unknown) => {
          throw asJobGone(error, job, CONTENT_GONE)
        })
      return { state: 'done', video: file.value, requestId: file.requestId, attempts: file.attempts }
    },
  }
}
