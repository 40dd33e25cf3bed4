import { describe, expect, it } from 'vitest'
import type { BenchPlan } from '../../../src/bench/plan.js'
import { SAME_CALLS, vimaxModel } from '../../../src/bench/vimax-model.js'

const LATENCY = { chat: 1, image: 10, video: 100, speech: 0, music: 0 }

describe('vimaxModel (the same calls, scheduled as ViMax does)', () => {
  it("speaks each scene's lines as a stage before its frames, and makes the music bed after the last scene", () => {
    const plan: BenchPlan = {
      entry: 'storyboard',
      castCall: false,
      characters: [],
      scenes: [
        { id: '1', shots: [{ id: '1.1', characters: [], lines: 2 }] },
        { id: '2', shots: [{ id: '2.1', characters: [], lines: 0 }] },
      ],
      music: true,
    }
    // scene 1: lines 7 + frame 10 + clip 100; scene 2: 10 + 100; then music 1000.
    expect(vimaxModel(plan, { chat: 1, image: 10, video: 100, speech: 7, music: 1000 })).toEqual({ ms: 1227, headMs: 0, scenesMs: [117, 110] })
  })

  it('idea: writing, casting and all three portrait views in series before any scene; scenes one after another', () => {
    const plan: BenchPlan = {
      entry: 'idea',
      castCall: true,
      characters: ['Ada', 'Orrin'],
      scenes: [
        { id: '1', shots: [{ id: '1.1', characters: ['Ada'] }, { id: '1.2', characters: [] }] },
        { id: '2', shots: [{ id: '2.1', characters: ['Ada', 'Orrin'] }] },
      ],
    }
    // head: story + cast + script = 3, front → side → back = 30 (characters in parallel, views in series)
    // scene 1: storyboard 1 + anchor frame 10 + the other frame 10 + clip 100 = 121
    // scene 2 (one shot, only the anchor): 1 + 10 + 100 = 111
    expect(vimaxModel(plan, LATENCY)).toEqual({ ms: 265, headMs: 33, scenesMs: [121, 111] })
  })

  it('script: the same shape without the story', () => {
    const plan: BenchPlan = { entry: 'script', castCall: true, characters: ['June'], scenes: [{ id: '1', shots: [{ id: '1.1', characters: ['June'] }, { id: '1.2', characters: ['June'] }] }] }
    // head 2·50 + 3·10 = 130; scene 50 + 2·10 + 100 = 170
    expect(vimaxModel(plan, { chat: 50, image: 10, video: 100, speech: 0, music: 0 })).toEqual({ ms: 300, headMs: 130, scenesMs: [170] })
  })

  it('storyboard: no writing, no storyboard calls; characters shared across scenes are drawn once', () => {
    const plan: BenchPlan = {
      entry: 'storyboard',
      castCall: false,
      characters: ['Ada'],
      scenes: [{ id: '1', shots: [{ id: '1', characters: ['Ada'] }] }, { id: '2', shots: [{ id: '2', characters: ['Ada'] }] }],
    }
    expect(vimaxModel(plan, LATENCY)).toEqual({ ms: 250, headMs: 30, scenesMs: [110, 110] })
  })

  it('no characters: no portrait stage; an empty scene costs nothing', () => {
    const plan: BenchPlan = { entry: 'storyboard', castCall: false, characters: [], scenes: [{ id: '1', shots: [{ id: '1', characters: [] }] }, { id: '2', shots: [] }] }
    expect(vimaxModel(plan, LATENCY)).toEqual({ ms: 110, headMs: 0, scenesMs: [110, 0] })
  })

  it("ViMax's own calls, as constants: camera tree depth, selectors, planning calls", () => {
    const plan: BenchPlan = { entry: 'storyboard', castCall: false, characters: ['Ada'], scenes: [{ id: '1', shots: [{ id: '1', characters: ['Ada'] }, { id: '2', characters: [] }] }] }
    const constants = { cameraTreeDepth: 1, selectorCallsPerFrame: 1, planningCallsPerScene: 2 }
    // F = r·L + I = 11; scene: planning 2·1 + (3·1 + 3)·11 + (1 + 1)·100 = 2 + 66 + 200 = 268
    expect(vimaxModel(plan, LATENCY, constants)).toEqual({ ms: 298, headMs: 30, scenesMs: [268] })
    expect(vimaxModel(plan, LATENCY, SAME_CALLS).scenesMs).toEqual([120])
  })
})
