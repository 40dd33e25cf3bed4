import { statSync } from 'node:fs'
import { isVimaxError } from '../errors.js'
import type { CallMeta, ChatModel, ImageModel, Media, ModelKind, VideoJob, VideoModel } from '../providers/types.js'
import { ABANDONED, type CallEnd, type CallEventBase, type Emit } from './events.js'

export interface CallObserver {
  chat(model: ChatModel): ChatModel
  image(model: ImageModel): ImageModel
  video(model: VideoModel): VideoModel
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
  const begin = (kind: ModelKind, model: { provider: string; modelId: string }, subject: string | undefined): CallEventBase => {
    const base = { callId: nextId++, kind, provider: model.provider, model: model.modelId, subject }
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

  function observeGenerate<M extends ChatModel | ImageModel>(model: M): M {
    const generate = async (request: never, options?: Parameters<M['generate']>[1]) => {
      const base = begin(model.kind, model, options?.subject)
      const startedAt = now()
      try {
        const result = await model.generate(request, { ...options, callId: String(base.callId) })
        const bytes = 'images' in result ? sum(result.images.map(mediaBytes)) : Buffer.byteLength(result.text)
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
    endAbandoned() {
      for (const end of abandoned) end()
      abandoned.clear()
    },
    video(model) {
      const open = new Map<string, { base: CallEventBase; startedAt: number; job: VideoJob }>()
      abandoned.add(() => {
        const error = { code: ABANDONED, message: 'polling stopped; the next run resumes this job without paying again' }
        for (const call of open.values()) end(call.base, call.startedAt, call.job, undefined, error)
        open.clear()
      })
      return {
        ...model,
        async start(request, options) {
          const base = begin('video', model, options?.subject)
          const startedAt = now()
          try {
            const job = await model.start(request, { ...options, callId: String(base.callId) })
            open.set(job.id, { base, startedAt, job })
            return job
          } catch (error) {
            end(base, startedAt, {}, undefined, error)
            throw error
          }
        },
        async status(job, options) {
          const call = open.get(job.id)
          let status
          try {
            status = await model.status(job, call ? { ...options, callId: String(call.base.callId) } : options)
          } catch (error) {
            if (call) end(call.base, call.startedAt, { ...call.job, costUsd: undefined }, undefined, error)
            open.delete(job.id)
            throw error
          }
          if (call && status.state !== 'pending') {
            open.delete(job.id)
            // A failed job is not billed by the vendors we speak (Veo's filtered clips included).
            const meta = status.state === 'done' ? { ...call.job, ...status } : { ...call.job, costUsd: undefined }
            const failure = status.state === 'failed' ? { code: status.code ?? 'E_PROVIDER_FAILED', message: status.message } : undefined
            end(call.base, call.startedAt, meta, status.state === 'done' ? mediaBytes(status.video) : undefined, failure)
          }
          return status
        },
      }
    },
  }
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
