import type { ChatModel, ImageModel, MusicModel, SpeechModel, VideoModel } from '../providers/types.js'
import type { Lane } from './lanes.js'
import { isPlaceholderModel } from './placeholder-models.js'

type GenerateModel = ChatModel | ImageModel | SpeechModel | MusicModel

/**
 * Chat, image, speech and music calls take a lane slot for the length of one call. A dry run's
 * stand-in (`placeholder-models.ts`) takes none: it reaches no vendor, so a lane's `rpm` must not
 * make planning wait; the plan still counts its calls per lane from their events, and its time
 * estimate applies the lane's limits (`run/plan-time.ts`).
 */
export function withLane<M extends GenerateModel>(model: M, lane: Lane): M {
  if (isPlaceholderModel(model)) return model
  const generate = (request: never, options: Parameters<M['generate']>[1] = {}) => {
    const queuedAt = Date.now()
    return lane.run(async () => {
      const queuedMs = Date.now() - queuedAt
      const result = await model.generate(request, { ...options, onRateLimit: (ms) => lane.pauseFor(ms) })
      return { ...result, queuedMs }
    })
  }
  return { ...model, generate } as M
}

/**
 * A video job holds its lane slot from `start` until a terminal status, so `concurrency` bounds
 * jobs in flight at the vendor, and `rpm` counts job starts rather than polls. A job resumed
 * from an earlier run never took a slot and polls freely.
 */
export function withVideoLane(model: VideoModel, lane: Lane, stop: AbortSignal): VideoModel {
  if (isPlaceholderModel(model)) return model
  const held = new Map<string, () => void>()
  const release = (jobId: string) => {
    held.get(jobId)?.()
    held.delete(jobId)
  }
  // A run that stops abandons its polls; their slots must not outlive it.
  stop.addEventListener('abort', () => [...held.keys()].forEach(release), { once: true })
  return {
    ...model,
    start(request, options = {}) {
      const queuedAt = Date.now()
      return new Promise((resolve, reject) => {
        lane
          .run(
            () =>
              new Promise<void>((releaseSlot) => {
                const queuedMs = Date.now() - queuedAt
                model.start(request, { ...options, onRateLimit: (ms) => lane.pauseFor(ms) }).then(
                  (job) => {
                    held.set(job.id, releaseSlot)
                    resolve({ ...job, queuedMs })
                  },
                  (error: unknown) => {
                    releaseSlot()
                    reject(error)
                  },
                )
              }),
          )
          .catch(reject)
      })
    },
    async status(job, options) {
      const status = await model.status(job, options)
      if (status.state !== 'pending') release(job.id)
      return status
    },
  }
}
