import type { ChatModel, ImageModel, VideoModel } from '../../src/providers/types.js'

/** Counts calls and the most calls in flight at once, around a real model. */
export interface Counter {
  calls: number
  inFlight: number
  maxInFlight: number
}

const counter = (): Counter => ({ calls: 0, inFlight: 0, maxInFlight: 0 })

async function counted<T>(count: Counter, call: () => Promise<T>): Promise<T> {
  count.calls += 1
  count.inFlight += 1
  count.maxInFlight = Math.max(count.maxInFlight, count.inFlight)
  try {
    return await call()
  } finally {
    count.inFlight -= 1
  }
}

export function countingChat(model: ChatModel): { model: ChatModel; count: Counter } {
  const count = counter()
  return { count, model: { ...model, generate: (request, options) => counted(count, () => model.generate(request, options)) } }
}

export function countingImage(model: ImageModel): { model: ImageModel; count: Counter } {
  const count = counter()
  return { count, model: { ...model, generate: (request, options) => counted(count, () => model.generate(request, options)) } }
}

/** For video, "in flight" is a job from start until a terminal status. */
export function countingVideo(model: VideoModel): { model: VideoModel; count: Counter; starts: () => number } {
  const count = counter()
  const open = new Set<string>()
  return {
    count,
    starts: () => count.calls,
    model: {
      ...model,
      async start(request, options) {
        count.calls += 1
        const job = await model.start(request, options)
        open.add(job.id)
        count.inFlight += 1
        count.maxInFlight = Math.max(count.maxInFlight, count.inFlight)
        return job
      },
      async status(job, options) {
        const status = await model.status(job, options)
        if (status.state !== 'pending' && open.delete(job.id)) count.inFlight -= 1
        return status
      },
    },
  }
}
