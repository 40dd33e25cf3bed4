import { statSync } from 'node:fs'
import { isVimaxError } from '../errors.js'
import type { CallMeta, ChatModel, ImageModel, Media, ModelKind, MusicModel, SpeechModel, VideoJob, VideoModel } from '../providers/types.js'
import { ABANDONED, type CallEnd, type CallEventBase, type Emit } from './events.js'

export interface CallObserver {
  chat(model: ChatModel): ChatModel
  image(model: ImageModel): ImageModel
  video(model: VideoModel): VideoModel
  speech(model: SpeechModel): SpeechModel
  music(model: MusicModel): MusicModel
  /**
   * Ends every video call whose polling the run abandoned (Ctrl-C, a failure): the job was
   * started and paid for, so its cost is reported now; the next run resumes it without paying.
   */
  endAbandoned(): void
}

/**
 * Reports every model call as a start and an end event — cached or not, with timing — so the
 * reporter, the ledger and the bench see calls without the pipeline mentioning them.
 */
export function createCallObserver(emit: Emit, now: () => number = Date.now): CallObserver {
  let nextId = 1
  const abandoned = new Set<() => void>()
  const begin = (kind: ModelKind, model: { provider: string; modelId: string }, subject: string | undefined, fallbackFrom?: string): CallEventBase => {
    const base = { callId: nextId++, kind, provider: model.provider, model: model.modelId, subject, ...(fallbackFrom !== undefined && { fallbackFrom }) }
    emit({ type: 'call:start', ...base })
    return base
  }
  const end = (base: CallEventBase, startedAt: number, meta: CallMeta, bytes: number | undefined, error?: unknown) => {
    const queuedMs = meta.queuedMs ?? 0
    const event: CallEnd = {
      type: 'call:end',
      ...base,
      cached: meta.cached === true,
      resumed: meta.resumed === true,
      ms: Math.max(0, now() - startedAt - queuedMs),
      queuedMs,
      attempts: meta.attempts,
      requestId: meta.requestId,
      costUsd: meta.cached === true ? undefined : meta.costUsd,
      savedUsd: meta.cached === true ? meta.savedUsd : undefined,
      endedAt: now(),
      ...(meta.planned === true && { planned: true }),
      bytes,
      cacheKey: meta.cacheKey,
      error: error === undefined ? undefined : describe(error),
    }
    emit(event)
    for (const warning of meta.warnings ?? []) emit({ type: 'warning', message: `${base.provider}:${base.model}: ${warning}` })
  }

  function observeGenerate<M extends ChatModel | ImageModel | SpeechModel | MusicModel>(model: M): M {
    const generate = async (request: never, options?: Parameters<M['generate']>[1]) => {
      const base = begin(model.kind, model, options?.subject, options?.fallbackFrom)
      const startedAt = now()
      try {
        const result = await model.generate(request, { ...options, callId: String(base.callId) })
        const bytes = 'images' in result ? sum(result.images.map(mediaBytes)) : 'audio' in result ? mediaBytes(result.audio) : Buffer.byteLength(result.text)
        end(base, startedAt, result, bytes)
        return result
      } catch (error) {
        end(base, startedAt, {}, undefined, error)
        throw error
      }
    }
    return { ...model, generate } as M
  }

  return {
    chat: (model) => observeGenerate(model),
    image: (model) => observeGenerate(model),
    speech: (model) => observeGenerate(model),
    music: (model) => observeGenerate(model),
    endAbandoned() {
      for (const end of abandoned) end()
      abandoned.clear()
    },
    video(model) {
      // Keyed by the job object each caller holds, not its id: callers of one request in flight
      // share one job (one id), and each caller's call must still end.
      const open = new Map<VideoJob, { base: CallEventBase; startedAt: number; job: VideoJob; follower: boolean }>()
      const openCall = (job: VideoJob) => {
        const own = open.get(job)
        if (own !== undefined) return [job, own] as const
        for (const entry of open) if (entry[0].id === job.id) return entry
        return undefined
      }
      abandoned.add(() => {
        const error = { code: ABANDONED, message: 'polling stopped; the next run resumes this job without paying again' }
        for (const call of open.values()) end(call.base, call.startedAt, call.job, undefined, error)
        open.clear()
      })
      return {
        ...model,
        async start(request, options) {
          const base = begin('video', model, options?.subject, options?.fallbackFrom)
          const startedAt = now()
          try {
            const job = await model.start(request, { ...options, callId: String(base.callId) })
            // A second caller of a job already open waited on someone else's start: it paid nothing.
            const follower = !job.cached && [...open.values()].some((call) => call.job.id === job.id)
            open.set(job, { base, startedAt, job, follower })
            return job
          } catch (error) {
            end(base, startedAt, {}, undefined, error)
            throw error
          }
        },
        async status(job, options) {
          const [key, call] = openCall(job) ?? [job, undefined]
          let status
          try {
            status = await model.status(job, call ? { ...options, callId: String(call.base.callId) } : options)
          } catch (error) {
            if (call) end(call.base, call.startedAt, { ...call.job, costUsd: undefined }, undefined, error)
            open.delete(key)
            throw error
          }
          if (call && status.state !== 'pending') {
            open.delete(key)
            // A failed job is not billed by the vendors we speak (Veo's filtered clips included).
            const done = status.state === 'done' ? { ...call.job, ...status } : { ...call.job, costUsd: undefined }
            const meta = call.follower && status.state === 'done' ? asFollower(done) : done
            const failure = status.state === 'failed' ? { code: status.code ?? 'E_PROVIDER_FAILED', message: status.message } : undefined
            end(call.base, call.startedAt, meta, status.state === 'done' ? mediaBytes(status.video) : undefined, failure)
          }
          return status
        },
      }
    },
  }
}

/** What a caller that shared another's job reports: a hit, with what the first caller paid as saved. */
function asFollower(meta: CallMeta): CallMeta {
  const { costUsd, attempts: _attempts, ...rest } = meta
  return { ...rest, cached: true, ...(costUsd === undefined ? {} : { savedUsd: costUsd }) }
}

export function mediaBytes(media: Media): number {
  return media.kind === 'bytes' ? media.bytes.byteLength : statSync(media.path).size
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0)

function describe(error: unknown): { code: string; message: string } {
  if (isVimaxError(error)) return { code: error.code, message: error.message }
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error)
    return { code: String(error.code), message: String(error.message) }
  return { code: 'E_UNKNOWN', message: String(error) }
}
