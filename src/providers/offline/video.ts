import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { CancelledError, ProviderError } from '../../errors.js'
import { cardSeed } from '../../media/card-text.js'
import { FILM_FPS } from '../../media/frame-size.js'
import { renderStillClip, stillExtension } from '../../media/still-clip.js'
import type { CallOptions, JsonValue, VideoJob, VideoModel, VideoRequest, VideoStatus } from '../types.js'
import { OFFLINE_RENDERER_VERSION } from './image.js'
import { addClipAmbience } from './clip-ambience.js'
import type { OfflineOptions } from './options.js'

/**
 * Everything needed to finish a job, stored in the job itself: a run killed while polling resumes
 * in a new process, where the in-memory render is gone and must be redone from this alone.
 * The first frame travels as base64, which is acceptable for local animatics.
 */
interface JobState {
  readonly v: 1
  readonly startedAt: number
  readonly prompt: string
  readonly seconds: number
  readonly width: number
  readonly height: number
  readonly fps: number
  readonly seed: number
  readonly image: { readonly base64: string; readonly mediaType: string } | null
  /** generate_audio: the clip carries a room tone of its own (absent in jobs made without it). */
  readonly audio?: true
}

interface Render {
  path?: string
  error?: string
}

/**
 * The offline video model: an animatic (the first frame with a slow camera move) rendered by
 * ffmpeg in the background. Jobs stay pending for the simulated latency and until the render is
 * done, like a vendor's queue. With generate_audio it makes sound too (clip-ambience.ts), like Veo 3.
 */
export function createOfflineVideoModel(modelId: string, options: OfflineOptions = {}): VideoModel {
  const now = options.now ?? Date.now
  const workDir = options.workDir ?? path.join(os.tmpdir(), 'vimax-offline')
  // Per model instance, never module-level: a fresh instance behaves like a fresh process.
  const renders = new Map<string, Render>()

  const begin = (id: string, state: JobState): Render => {
    const render: Render = {}
    renders.set(id, render)
    renderStillClip({
      ...(state.image && { image: { bytes: Buffer.from(state.image.base64, 'base64'), mediaType: state.image.mediaType } }),
      prompt: state.prompt,
      seconds: state.seconds,
      width: state.width,
      height: state.height,
      fps: state.fps,
      seed: state.seed,
      workDir,
    })
      .then((file) => (state.audio === true ? addClipAmbience({ clip: file, seconds: state.seconds, fps: state.fps, seed: state.seed, workDir }) : file))
      .then(
        (file) => (render.path = file),
        (error: unknown) => (render.error = error instanceof Error ? error.message : String(error)),
      )
    return render
  }

  return {
    kind: 'video',
    provider: 'offline',
    modelId,
    fingerprint: { renderer: OFFLINE_RENDERER_VERSION },
    capabilities: { audio: true },
    pollIntervalMs: 20,
    async start(request: VideoRequest, call: CallOptions = {}): Promise<VideoJob> {
      if (call.signal?.aborted) throw new CancelledError()
      if (request.image && stillExtension(request.image.bytes) === undefined) {
        throw new ProviderError(`offline video cannot read the first frame of ${call.subject ?? 'the shot'} (${request.image.mediaType})`, {
          code: 'E_OFFLINE_UNSUPPORTED_IMAGE',
          provider: 'offline',
          model: modelId,
          ...(call.subject !== undefined && { subject: call.subject }),
          hint: 'give it a PNG, JPEG, WebP, GIF or TIFF first frame (the bundled ffmpeg reads no AVIF or HEIC)',
        })
      }
      const state: JobState = {
        v: 1,
        startedAt: now(),
        prompt: request.prompt,
        seconds: request.seconds > 0 ? request.seconds : 1,
        width: evenPixels(request.width),
        height: evenPixels(request.height),
        fps: FILM_FPS,
        seed: cardSeed(request.seed, request.take, request.prompt),
        image: request.image ? { base64: Buffer.from(request.image.bytes).toString('base64'), mediaType: request.image.mediaType } : null,
        ...(request.generateAudio === true && { audio: true as const }),
      }
      const id = `offline-${randomUUID()}`
      begin(id, state)
      return { id, state: state as unknown as JsonValue }
    },
    async status(job: VideoJob, call: CallOptions = {}): Promise<VideoStatus> {
      if (call.signal?.aborted) throw new CancelledError()
      const state = readState(job.state)
      if (state === undefined) return { state: 'failed', message: `offline job ${job.id} has no readable state`, code: 'E_OFFLINE_JOB_STATE' }
      // A job from an earlier process, or whose file the caller has since moved: render it again.
      let render = renders.get(job.id)
      if (render === undefined || (render.path !== undefined && !existsSync(render.path))) render = begin(job.id, state)
      if (render.error !== undefined) {
        renders.delete(job.id)
        return { state: 'failed', message: render.error, code: 'E_OFFLINE_RENDER' }
      }
      const latency = options.latencyMs?.video ?? 0
      const elapsed = now() - state.startedAt
      if (elapsed < latency || render.path === undefined) {
        return { state: 'pending', progress: latency > 0 ? Math.min(0.99, Math.max(0, elapsed / latency)) : 0.5 }
      }
      renders.delete(job.id)
      return { state: 'done', video: { kind: 'file', path: render.path, mediaType: 'video/mp4' } }
    },
  }
}

function evenPixels(value: number): number {
  const clamped = Number.isFinite(value) ? Math.min(4096, Math.max(16, Math.round(value))) : 720
  return clamped - (clamped % 2)
}

function readState(value: JsonValue | undefined): JobState | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const s = value as { readonly [key: string]: JsonValue }
  const numbers = ['startedAt', 'seconds', 'width', 'height', 'fps', 'seed'].every((key) => typeof s[key] === 'number')
  const image = s.image
  const imageOk =
    image === null || (typeof image === 'object' && !Array.isArray(image) && typeof (image as { base64?: unknown }).base64 === 'string')
  return s.v === 1 && numbers && typeof s.prompt === 'string' && imageOk ? (value as unknown as JobState) : undefined
}
