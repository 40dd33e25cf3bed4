import { describe, expect, it } from 'vitest'
import { laneLoads, referenceBound, type LanesByKind } from '../../../src/bench/lane-bound.js'
import type { BenchPlan } from '../../../src/bench/plan.js'
import type { LaneLimits } from '../../../src/pipeline/lanes.js'

// Latencies of different magnitudes, so every sum below can be read off by eye.
const LATENCY = { chat: 1, image: 10, video: 100, speech: 50, music: 0 }

const lanes = (overrides: Partial<Record<keyof LanesByKind, LaneLimits>> = {}): LanesByKind => ({
  chat: { concurrency: 8 },
  image: { concurrency: 16 },
  video: { concurrency: 16 },
  speech: { concurrency: 16 },
  music: { concurrency: 1 },
  ...overrides,
})

/** A storyboard of `shots` shots in scenes of ten, no characters; `lines` on each shot. */
function board(shots: number, lines = 0): BenchPlan {
  const scenes = Array.from({ length: Math.ceil(shots / 10) }, (_, s) => ({
    id: String(s + 1),
    shots: Array.from({ length: Math.min(10, shots - s * 10) }, (_, k) => ({ id: String(s * 10 + k + 1), characters: [], lines })),
  }))
  return { entry: 'storyboard', castCall: false, characters: [], scenes }
}

describe('referenceBound (critical path or busiest lane)', () => {
  it('one lane saturated: 12 clips on 2 video slots take 6 rounds after the first frame', () => {
    const plan = board(12)
    // Critical path: frame 10 + clip 100. Video lane: first clip can start at 10, then ⌈12 ÷ 2⌉ = 6 rounds of 100.
    const bound = referenceBound(plan, LATENCY, lanes({ video: { concurrency: 2 } }))
    expect(bound.path.ms).toBe(110)
    expect(bound).toMatchObject({ ms: 610, by: 'video lane', busiest: { kind: 'video', calls: 12, concurrency: 2, headMs: 10, busyMs: 600, tailMs: 0 } })
    // A partial last round still takes a whole clip: 12 over 5 slots is 3 rounds.
    expect(referenceBound(plan, LATENCY, lanes({ video: { concurrency: 5 } })).ms).toBe(310)
  })

  it('critical-path dominated: with a slot per clip the lanes never bind', () => {
    const bound = referenceBound(board(12), LATENCY, lanes())
    // Video lane: 10 + 1 round of 100 = 110, the same as the path: the path is named.
    expect(bound).toMatchObject({ ms: 110, by: 'critical path', busiest: { kind: 'image', headMs: 0, busyMs: 10, tailMs: 100 } })
  })

  it('500 shots on 16 video slots: the bound is 32 rounds, not one clip (so efficiency is not reported as 28)', () => {
    const plan = board(500)
    const scaled = { chat: 40, image: 160, video: 1200, speech: 40, music: 600 }
    const bound = referenceBound(plan, scaled, lanes())
    expect(bound.path.ms).toBe(160 + 1200)
    // The first clip starts after one frame (160), then ⌈500 ÷ 16⌉ = 32 rounds of 1200.
    expect(bound).toMatchObject({ ms: 160 + 32 * 1200, by: 'video lane' })
  })

  it("a speech lane two wide holds back every frame of the scene: 4 lines take 2 rounds, then a frame and a clip", () => {
    const plan = board(4, 1)
    // Path: lines 50 (all at once) + frame 10 + clip 100 = 160. Lane: 2 rounds of 50, then frame and clip follow.
    const bound = referenceBound(plan, LATENCY, lanes({ speech: { concurrency: 2 } }))
    expect(bound.path.ms).toBe(160)
    expect(bound).toMatchObject({ ms: 210, by: 'speech lane', busiest: { kind: 'speech', calls: 4, headMs: 0, busyMs: 100, tailMs: 110 } })
  })

  it('an rpm cap: call i starts no sooner than minute ⌊i ÷ rpm⌋', () => {
    // 12 clips at 5 a minute: the 12th starts in the third minute (index 11 → minute 2), then takes 100.
    const bound = referenceBound(board(12), LATENCY, lanes({ video: { concurrency: 16, rpm: 5 } }))
    expect(bound).toMatchObject({ ms: 10 + 2 * 60_000 + 100, by: 'video lane' })
  })

  it('the music bed waits for every line and is its lane’s only call', () => {
    const plan = { ...board(2, 1), music: true }
    const loads = laneLoads(plan, { ...LATENCY, music: 500 }, lanes())
    expect(loads.find((load) => load.kind === 'music')).toMatchObject({ calls: 1, headMs: 50, busyMs: 500, tailMs: 0, ms: 550 })
    // The speech lane's tail is the longer of a frame and clip (110) and the bed (500).
    expect(loads.find((load) => load.kind === 'speech')).toMatchObject({ headMs: 0, busyMs: 50, tailMs: 500 })
  })

  it('treats a lane without slots as one slot rather than dividing by zero', () => {
    expect(referenceBound(board(3), LATENCY, lanes({ video: { concurrency: 0 } })).ms).toBe(10 + 3 * 100)
  })
})
