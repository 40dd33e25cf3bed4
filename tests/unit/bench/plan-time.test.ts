import { describe, expect, it, vi } from 'vitest'
import type { BenchPlan } from '../../../src/bench/plan.js'
import { estimatePlanTime, typicalLatencyMs, type LatencyOf } from '../../../src/bench/plan-time.js'
import type { PlanRow, RunPlan } from '../../../src/pipeline/run-plan.js'
import type { ModelKind } from '../../../src/providers/types.js'

const rowOf = (kind: ModelKind, calls: number, toPay: number, provider = 'acme'): PlanRow => ({
  provider,
  model: `${kind}-model`,
  kind,
  calls,
  cached: calls - toPay,
  toPay,
  costUsd: 0,
  unpriced: 0,
})

const planOf = (rows: PlanRow[], structure: BenchPlan): RunPlan => ({ rows, costUsd: 0, unpriced: 0, madeNow: { calls: 0, costUsd: 0 }, structure })

const ms: Record<ModelKind, number> = { chat: 1000, image: 200, video: 3000, speech: 0, music: 0 }
const fixed =
  (measured: boolean): LatencyOf =>
  (row) => ({ ms: ms[row.kind], measured })
const wide = () => 100

/** One scene, `shots` shots with no characters. */
const oneScene = (entry: BenchPlan['entry'], shots: number, castCall = false): BenchPlan => ({
  entry,
  castCall,
  characters: [],
  scenes: [{ id: '1', shots: Array.from({ length: shots }, (_, i) => ({ id: `1.${i + 1}`, characters: [] })) }],
})

describe('estimatePlanTime', () => {
  it('a kind whose calls are all cached adds no latency to the path, and its latency is never looked up', () => {
    // Idea → story, script, cast, storyboard: four chat calls, all in the cache now (the dry run made them).
    const plan = planOf([rowOf('chat', 4, 0), rowOf('image', 1, 1), rowOf('video', 1, 1)], oneScene('idea', 1, true))
    const latencyOf = vi.fn(fixed(true))
    const time = estimatePlanTime(plan, latencyOf, wide)
    // Only the frame and the clip remain: 200 + 3000. With chat counted it would be 4 × 1000 more.
    expect(time.ms).toBe(3200)
    expect(time.chain.slice(-2)).toEqual(['image frame 1.1', 'video clip 1.1'])
    expect(latencyOf.mock.calls.map(([row]) => row.kind).sort()).toEqual(['image', 'video'])
  })

  it('the same plan with chat to pay puts the chat chain on the path', () => {
    const plan = planOf([rowOf('chat', 4, 4), rowOf('image', 1, 1), rowOf('video', 1, 1)], oneScene('idea', 1, true))
    // story, script, cast, storyboard (4 × 1000), then frame and clip.
    expect(estimatePlanTime(plan, fixed(true), wide).ms).toBe(7200)
  })

  it('everything cached takes no time', () => {
    const plan = planOf([rowOf('chat', 4, 0), rowOf('image', 1, 0), rowOf('video', 1, 0)], oneScene('idea', 1, true))
    expect(estimatePlanTime(plan, fixed(false), wide).ms).toBe(0)
  })

  it('a lane with many calls and few slots outlasts the critical path', () => {
    // A storyboard of 12 shots: the path is one frame and one clip (3200 ms)…
    const plan = planOf([rowOf('image', 12, 12), rowOf('video', 12, 12)], oneScene('storyboard', 12))
    const roomy = estimatePlanTime(plan, fixed(true), () => 12)
    expect(roomy.ms).toBe(3200)
    expect(roomy.chain).not.toEqual(['the busiest lane'])
    // …but with 2 video slots the 12 clips take 6 rounds of 3000 ms.
    const narrow = estimatePlanTime(plan, fixed(true), (_provider, kind) => (kind === 'video' ? 2 : 12))
    expect(narrow).toMatchObject({ ms: 18_000, chain: ['the busiest lane'] })
    // A partial last round still takes a whole call: 12 clips over 5 slots is 3 rounds.
    expect(estimatePlanTime(plan, fixed(true), (_p, kind) => (kind === 'video' ? 5 : 12)).ms).toBe(9000)
  })

  it('only the calls still to pay load a lane', () => {
    // 12 clips, 10 of them cached: 2 to pay on 2 slots is one round, so the path (3200) wins.
    const plan = planOf([rowOf('image', 12, 12), rowOf('video', 12, 2)], oneScene('storyboard', 12))
    expect(estimatePlanTime(plan, fixed(true), (_p, kind) => (kind === 'video' ? 2 : 12)).ms).toBe(3200)
  })

  it('treats a lane without slots as one slot rather than dividing by zero', () => {
    const plan = planOf([rowOf('video', 3, 3)], oneScene('storyboard', 3))
    expect(estimatePlanTime(plan, fixed(true), () => 0).ms).toBe(9000)
  })

  it('basis: measured when every latency came from the ledger, typical when none did, mixed otherwise', () => {
    const plan = planOf([rowOf('chat', 2, 2), rowOf('image', 1, 1), rowOf('video', 1, 1)], oneScene('idea', 1))
    expect(estimatePlanTime(plan, fixed(true), wide).basis).toBe('measured')
    expect(estimatePlanTime(plan, fixed(false), wide).basis).toBe('typical')
    const onlyVideoMeasured: LatencyOf = (row) => ({ ms: ms[row.kind], measured: row.kind === 'video' })
    expect(estimatePlanTime(plan, onlyVideoMeasured, wide).basis).toBe('mixed')
  })

  it('a cached kind does not count towards the basis: its latency was not used', () => {
    const plan = planOf([rowOf('chat', 2, 0), rowOf('image', 1, 1), rowOf('video', 1, 1)], oneScene('idea', 1))
    const chatNeverMeasured: LatencyOf = (row) => ({ ms: ms[row.kind], measured: row.kind !== 'chat' })
    expect(estimatePlanTime(plan, chatNeverMeasured, wide).basis).toBe('measured')
  })

  it('takes the slowest model of a kind as that kind\'s latency', () => {
    const plan = planOf([rowOf('image', 1, 1, 'fast'), rowOf('image', 1, 1, 'slow'), rowOf('video', 1, 1)], oneScene('storyboard', 1))
    const latencyOf: LatencyOf = (row) => ({ ms: row.provider === 'slow' ? 900 : ms[row.kind], measured: true })
    expect(estimatePlanTime(plan, latencyOf, wide).ms).toBe(900 + 3000)
  })
})

describe('typicalLatencyMs', () => {
  it('the offline provider is far quicker than a cloud vendor, and video is the slowest kind', () => {
    for (const provider of ['offline', 'openai']) {
      expect(typicalLatencyMs(provider, 'video')).toBeGreaterThan(typicalLatencyMs(provider, 'image'))
      expect(typicalLatencyMs(provider, 'image')).toBeGreaterThan(typicalLatencyMs(provider, 'chat'))
    }
    expect(typicalLatencyMs('offline', 'video')).toBeLessThan(typicalLatencyMs('gemini', 'video'))
  })
})
