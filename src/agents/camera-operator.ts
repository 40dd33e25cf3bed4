import type { AspectRatio, Shot } from '../film.js'
import { CancelledError, ProviderError, isVimaxError } from '../errors.js'
import type { CallMeta, CallOptions, ImageInput, Media, VideoJob, VideoModel, VideoRequest, VideoStatus } from '../providers/types.js'
import { sleep as realSleep, type Sleep } from '../util/sleep.js'
import { failedJobHint, meaningfulCode } from './failed-job-hint.js'
import { styleLine } from './portrait-artist.js'

export interface ClipRequestInput {
  readonly shot: Shot
  /** The shot's first frame. */
  readonly frame: ImageInput
  readonly style?: string
  readonly seed: number
  readonly size: { readonly width: number; readonly height: number }
  readonly aspectRatio: AspectRatio
}

/** The clip: camera and motion, then the dialogue as spoken lines so audio-capable models voice it. */
export function clipRequest(input: ClipRequestInput): VideoRequest {
  const { shot } = input
  const spoken = shot.dialogue.map((d) => `${d.speaker} says: "${d.line.trim()}"`)
  const parts = [shot.videoPrompt.trim(), styleLine(input.style), spoken.join('\n')]
  return {
    prompt: parts.filter((part) => part !== '').join('\n\n'),
    image: input.frame,
    aspectRatio: input.aspectRatio,
    width: input.size.width,
    height: input.size.height,
    seconds: shot.seconds,
    seed: input.seed,
    take: shot.take,
  }
}

export interface ShootClipOptions {
  /** Aborts requests in flight (a hard stop). */
  readonly signal?: AbortSignal
  /** A soft stop: polling is abandoned between polls, the job stays resumable. */
  readonly stop?: AbortSignal
  /** "shot 1.2", named in errors. */
  readonly subject: string
  readonly sleep?: Sleep
  readonly now?: () => number
  /** Overall deadline from the start of polling. @default the model's `jobTimeoutMs`, else 20 minutes */
  readonly timeoutMs?: number
  /** Called the moment a job exists, so it can be recorded and resumed after a crash. */
  readonly onJob?: (job: VideoJob) => void | Promise<void>
  /** A job started earlier (recorded by onJob): poll it instead of starting another. */
  readonly job?: VideoJob
  /** Failed status calls in a row tolerated before giving up. @default 3 */
  readonly pollRetries?: number
  readonly onRateLimit?: (waitMs: number) => void
}

export interface ShotClip {
  readonly video: Media
  readonly job: VideoJob
  /** Status calls made, failed ones included. */
  readonly polls: number
  /** What the final status said about the call (cost, warnings, cached). */
  readonly meta: CallMeta
}

const DEFAULT_TIMEOUT_MS = 20 * 60_000
const MAX_BACKOFF_MS = 60_000

/**
 * Starts a video job once and polls it to the end. A failing status call is retried with
 * backoff on its own; it never starts the (billable) job again.
 */
export async function shootClip(model: VideoModel, request: VideoRequest, options: ShootClipOptions): Promise<ShotClip> {
  const { signal, subject } = options
  const signals = [signal, options.stop].filter((value): value is AbortSignal => value !== undefined)
  const waiting = signals.length > 0 ? AbortSignal.any(signals) : undefined
  const sleep = options.sleep ?? realSleep
  const now = options.now ?? Date.now
  const interval = Math.max(0, model.pollIntervalMs ?? 5000)
  const pollRetries = options.pollRetries ?? 3
  const callOptions: CallOptions = {
    subject,
    ...(signal === undefined ? {} : { signal }),
    ...(options.onRateLimit === undefined ? {} : { onRateLimit: options.onRateLimit }),
  }
  const who = { provider: model.provider, model: model.modelId, subject }

  if (signal?.aborted) throw new CancelledError()
  const job: VideoJob = options.job ?? (await startJob(model, request, callOptions, options.onJob))
  const limitMs = options.timeoutMs ?? model.jobTimeoutMs ?? DEFAULT_TIMEOUT_MS
  const deadline = now() + limitMs
  const timeout = (cause?: unknown) =>
    new ProviderError(`${model.provider}:${model.modelId}: the video job for ${subject} did not finish within ${formatMs(limitMs)} (job ${job.id})`, {
      ...who,
      code: 'E_PROVIDER_TIMEOUT',
      retryable: true,
      cause,
      hint: `rerun to resume polling the same job (it is not started again), or raise providers.${model.provider}.timeouts.video_job in vimax.config.yaml`,
    })

  let polls = 0
  let failures = 0
  for (;;) {
    if (waiting?.aborted) throw new CancelledError()
    let status: VideoStatus
    try {
      polls++
      status = await cancellable(() => model.status(job, callOptions), signal)
    } catch (error) {
      if (error instanceof CancelledError) throw error
      failures++
      if (failures > pollRetries) throw pollError(error, model, subject, job)
      if (now() >= deadline) throw timeout(error)
      const retryAfter = error instanceof ProviderError ? (error.retryAfterMs ?? 0) : 0
      const backoff = Math.max(retryAfter, Math.min(MAX_BACKOFF_MS, Math.max(interval, 1000) * 2 ** (failures - 1)))
      await sleep(Math.min(backoff, Math.max(0, deadline - now())), waiting)
      continue
    }
    failures = 0
    if (status.state === 'done') {
      const { state: _state, video, ...meta } = status
      return { video, job, polls, meta }
    }
    if (status.state === 'failed') {
      const code = meaningfulCode(status.code)
      throw new ProviderError(`${model.provider}:${model.modelId}: the video job for ${subject} failed: ${status.message}`, {
        ...who,
        code: 'E_PROVIDER_FAILED',
        details: code === undefined ? [] : [`code: ${code}`],
        hint: failedJobHint(code, model.provider),
      })
    }
    if (now() >= deadline) throw timeout()
    await sleep(Math.min(interval, Math.max(0, deadline - now())), waiting)
  }
}

async function startJob(
  model: VideoModel,
  request: VideoRequest,
  options: CallOptions,
  onJob: ShootClipOptions['onJob'],
): Promise<VideoJob> {
  const job = await cancellable(() => model.start(request, options), options.signal)
  await onJob?.(job)
  return job
}

/** Runs a call, turning an abort of our signal (whatever the call threw) into CancelledError. */
async function cancellable<T>(call: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (signal?.aborted && !(error instanceof CancelledError)) throw new CancelledError('cancelled', { cause: error })
    throw error
  }
}

function pollError(error: unknown, model: VideoModel, subject: string, job: VideoJob): Error {
  if (isVimaxError(error)) return error
  const message = error instanceof Error ? error.message : String(error)
  return new ProviderError(`${model.provider}:${model.modelId}: polling the video job for ${subject} failed: ${message}`, {
    provider: model.provider,
    model: model.modelId,
    subject,
    code: 'E_PROVIDER_POLL',
    cause: error,
    hint: `job ${job.id} was started and may still finish: rerun to resume polling it`,
  })
}

function formatMs(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 6000) / 10} min` : `${Math.round(ms / 100) / 10} s`
}
