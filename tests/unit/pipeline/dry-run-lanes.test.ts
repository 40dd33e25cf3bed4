import { describe, expect, it } from 'vitest'
import { createLanes } from '../../../src/pipeline/lanes.js'
import { placeholderImageModel, placeholderVideoModel } from '../../../src/pipeline/placeholder-models.js'
import type { PlanRow, RunPlan } from '../../../src/pipeline/run-plan.js'
import { withLane, withVideoLane } from '../../../src/pipeline/with-lane.js'
import type { ImageModel, VideoModel } from '../../../src/providers/types.js'
import { pacedLane } from '../../../src/run/plan-time.js'

const realImage: ImageModel = { kind: 'image', provider: 'slow', modelId: 'img', generate: async () => ({ images: [] }) }
const realVideo: VideoModel = {
  kind: 'video',
  provider: 'slow',
  modelId: 'vid',
  start: async () => ({ id: 'job' }),
  status: async () => ({ state: 'failed', message: 'not used' }),
}
const request = { prompt: 'a red door', references: [], aspectRatio: '1:1' as const, width: 64, height: 64 }

describe('a dry run and the lanes', () => {
  it('stand-in calls never queue in a lane: at rpm 1, three of each are all answered after the run is told to stop', async () => {
    // A queued lane call rejects once the run stops, so an answer proves the call never queued.
    const stop = new AbortController()
    const lanes = createLanes({ limitsFor: () => ({ concurrency: 1, rpm: 1 }), stop: stop.signal })
    const image = withLane(placeholderImageModel(realImage), lanes.get('slow', 'image'))
    const video = withVideoLane(placeholderVideoModel(realVideo), lanes.get('slow', 'video'), stop.signal)
    const calls = [
      ...[1, 2, 3].map(() => image.generate(request)),
      ...[1, 2, 3].map(() => video.start({ ...request, seconds: 4 }).then((job) => video.status(job))),
    ]
    stop.abort()
    const settled = await Promise.allSettled(calls)
    expect(settled.map((result) => result.status)).toEqual(Array(6).fill('fulfilled'))
  })

  it("the plan's time applies each lane's rpm: three calls at one a minute take two minutes and the last call", () => {
    const row = (kind: PlanRow['kind'], toPay: number): PlanRow => ({ provider: 'slow', model: kind, kind, calls: toPay, cached: 0, toPay, costUsd: 0, unpriced: 0 })
    const plan = { rows: [row('image', 3), row('video', 2)] } as unknown as RunPlan
    const limits = { laneLimits: (_provider: string, kind: string) => (kind === 'image' ? { concurrency: 4, rpm: 1 } : { concurrency: 4 }) }
    const paced = pacedLane(plan, () => ({ ms: 1_000, measured: false }), limits)
    expect(paced).toEqual({ ms: 121_000, chain: '3 image calls on the slow:image lane at 1 a minute' })
  })
})
