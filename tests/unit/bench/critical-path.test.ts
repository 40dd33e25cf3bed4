import { describe, expect, it } from 'vitest'
import { criticalPath } from '../../../src/bench/critical-path.js'
import type { BenchPlan } from '../../../src/bench/plan.js'

// Latencies of different magnitudes, so every sum below can be read off by eye.
const FAST_CHAT = { chat: 1, image: 10, video: 100, speech: 0, music: 0 }

describe('criticalPath', () => {
  it("a scene's lines are all spoken before any of its frames (they set the shots' lengths); the music bed follows the last spoken line", () => {
    const plan: BenchPlan = {
      entry: 'storyboard',
      castCall: false,
      characters: [],
      scenes: [{ id: '1', shots: [{ id: '1.1', characters: [], lines: 2 }, { id: '1.2', characters: [], lines: 0 }] }],
      music: true,
    }
    // Speech 50, then the frame 10 and the clip 100: 160 (shot 1.2 waits for its scene's lines too).
    expect(criticalPath(plan, { chat: 1, image: 10, video: 100, speech: 50, music: 20 })).toEqual({
      ms: 160,
      chain: ['speech lines scene 1', 'image frame 1.1', 'video clip 1.1'],
    })
    // A long bed, asked for once every length is known (after the lines, at 50), ends last.
    expect(criticalPath(plan, { chat: 1, image: 10, video: 100, speech: 50, music: 500 })).toEqual({ ms: 550, chain: ['speech lines scene 1', 'music bed'] })
    expect(criticalPath(plan, { chat: 1, image: 10, video: 100, speech: 5, music: 20 }).ms).toBe(115)
  })

  it("a scene without lines is not held back by another scene's lines", () => {
    const plan: BenchPlan = {
      entry: 'storyboard',
      castCall: false,
      characters: [],
      scenes: [
        { id: '1', shots: [{ id: '1', characters: [], lines: 1 }] },
        { id: '2', shots: [{ id: '2', characters: [], lines: 0 }] },
      ],
    }
    // Scene 1: 50 + 10 + 100 = 160; scene 2 starts at once: 110.
    expect(criticalPath(plan, { chat: 1, image: 10, video: 100, speech: 50, music: 0 })).toEqual({ ms: 160, chain: ['speech lines scene 1', 'image frame 1', 'video clip 1'] })
  })

  it('portraits are asked for by the first shot that shows the character, in whichever scene starts first', () => {
    const plan: BenchPlan = {
      entry: 'storyboard',
      castCall: false,
      characters: ['Ada'],
      scenes: [
        { id: '1', shots: [{ id: '1', characters: ['Ada'], lines: 1 }] },
        { id: '2', shots: [{ id: '2', characters: ['Ada'], lines: 0 }] },
      ],
    }
    // Long lines: scene 2 asks for Ada at 0 (ready at 20); scene 1 starts its frame at 50: 50 + 10 + 100.
    expect(criticalPath(plan, { chat: 1, image: 10, video: 100, speech: 50, music: 0 })).toEqual({ ms: 160, chain: ['speech lines scene 1', 'image frame 1', 'video clip 1'] })
    // Short lines: scene 1 starts at 5 but Ada's side view (asked by scene 2 at 0) is ready at 20: 20 + 10 + 100.
    expect(criticalPath(plan, { chat: 1, image: 10, video: 100, speech: 5, music: 0 })).toEqual({
      ms: 130,
      chain: ['image portrait front', 'image portrait side', 'image frame 1', 'video clip 1'],
    })
  })

  it('idea: writing, casting, the storyboard, then the portraits its first shot asks for (front → side), a frame, a clip', () => {
    const plan: BenchPlan = {
      entry: 'idea',
      castCall: true,
      characters: ['Ada', 'Orrin'],
      scenes: [
        { id: '1', shots: [{ id: '1.1', characters: ['Ada'] }, { id: '1.2', characters: [] }] },
        { id: '2', shots: [{ id: '2.1', characters: ['Ada', 'Orrin'] }] },
      ],
    }
    // story 1 + script 1 + cast 1 + storyboard 1 = 4; portraits front + side = 20 (asked by the shot); frame 10; clip 100.
    expect(criticalPath(plan, FAST_CHAT)).toEqual({
      ms: 134,
      chain: ['chat story', 'chat script', 'chat cast', 'chat storyboard 1', 'image portrait front', 'image portrait side', 'image frame 1.1', 'video clip 1.1'],
    })
  })

  it('a shot with no characters waits only for its storyboard', () => {
    const plan: BenchPlan = { entry: 'idea', castCall: true, characters: [], scenes: [{ id: '1', shots: [{ id: '1.1', characters: [] }] }] }
    // 3 writing/casting calls + storyboard 1 + frame 10 + clip 100
    expect(criticalPath(plan, FAST_CHAT)).toEqual({
      ms: 114,
      chain: ['chat story', 'chat script', 'chat cast', 'chat storyboard 1', 'image frame 1.1', 'video clip 1.1'],
    })
  })

  it('script: a slow storyboard comes before the portraits, which its shots ask for', () => {
    const plan: BenchPlan = {
      entry: 'script',
      castCall: true,
      characters: ['June'],
      scenes: [{ id: '1', shots: [{ id: '1.1', characters: ['June'] }, { id: '1.2', characters: ['June'] }] }],
    }
    // script 50 + cast 50 + storyboard 50 + portraits 20 + frame 10 + clip 100
    expect(criticalPath(plan, { chat: 50, image: 10, video: 100, speech: 0, music: 0 })).toEqual({
      ms: 280,
      chain: ['chat script', 'chat cast', 'chat storyboard 1', 'image portrait front', 'image portrait side', 'image frame 1.1', 'video clip 1.1'],
    })
  })

  it('storyboard with its characters named: no chat call at all', () => {
    const plan: BenchPlan = {
      entry: 'storyboard',
      castCall: false,
      characters: ['Ada'],
      scenes: [{ id: '1', shots: [{ id: '1', characters: ['Ada'] }] }, { id: '2', shots: [{ id: '2', characters: [] }] }],
    }
    expect(criticalPath(plan, FAST_CHAT)).toEqual({
      ms: 130,
      chain: ['image portrait front', 'image portrait side', 'image frame 1', 'video clip 1'],
    })
  })

  it('storyboard cast from its overview: one chat call first', () => {
    const plan: BenchPlan = { entry: 'storyboard', castCall: true, characters: ['Ada'], scenes: [{ id: '1', shots: [{ id: '1', characters: ['Ada'] }] }] }
    expect(criticalPath(plan, FAST_CHAT).ms).toBe(131)
  })

  it('eight characters fill the reference list with front views: the side views are not waited for', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']
    const shot = (characters: string[]) => ({ entry: 'storyboard' as const, castCall: false, characters: names, scenes: [{ id: '1', shots: [{ id: '1', characters }] }] })
    expect(criticalPath(shot(names), FAST_CHAT)).toEqual({ ms: 120, chain: ['image portrait front', 'image frame 1', 'video clip 1'] })
    expect(criticalPath(shot(names.slice(0, 7)), FAST_CHAT).ms).toBe(130)
  })

  it('a film without shots is bounded by its writing and the storyboard that found no shot', () => {
    expect(criticalPath({ entry: 'script', castCall: true, characters: [], scenes: [{ id: '1', shots: [] }] }, FAST_CHAT)).toEqual({
      ms: 3,
      chain: ['chat script', 'chat cast', 'chat storyboard 1'],
    })
  })
})
