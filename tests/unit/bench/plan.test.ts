import { describe, expect, it } from 'vitest'
import { editOneShot, EDIT_SUFFIX } from '../../../src/bench/edit-shot.js'
import { paidCalls } from '../../../src/bench/paid-calls.js'
import { planCalls, planFromStoryboard } from '../../../src/bench/plan.js'
import type { ResolvedSpec } from '../../../src/spec/types.js'

const storyboardJson = {
  title: 'T',
  characters: [{ name: 'Ada' }, { name: 'Orrin' }],
  scenes: [
    {
      scene_num: 1,
      shots: [
        { shot_id: '1.1', characters: ['Ada', 'Stranger'], dialogue: [{ speaker: 'Ada', line: 'Who goes there?' }, { speaker: 'Stranger', line: 'A friend.' }] },
        { shot_id: '1.2', characters: [] },
      ],
    },
    { scene_num: 2, shots: [{ shot_id: '2.1', characters: ['Ada', 'Orrin'], dialogue: [{ speaker: 'Orrin', line: 'Go.' }] }] },
  ],
}

describe('planFromStoryboard', () => {
  it("reads scenes, shots and who is in them; names without a portrait sheet are dropped, as the frame's lookup drops them", () => {
    expect(planFromStoryboard(storyboardJson, { entry: 'idea', castCall: true })).toEqual({
      entry: 'idea',
      castCall: true,
      characters: ['Ada', 'Orrin'],
      scenes: [
        { id: '1', shots: [{ id: '1.1', characters: ['Ada'], lines: 2 }, { id: '1.2', characters: [], lines: 0 }] },
        { id: '2', shots: [{ id: '2.1', characters: ['Ada', 'Orrin'], lines: 1 }] },
      ],
      music: false,
    })
  })

  it('counts the calls of one cold run', () => {
    expect(planCalls(planFromStoryboard(storyboardJson, { entry: 'idea', castCall: true, music: true }))).toEqual({ chat: 2 + 1 + 2, image: 6 + 3, video: 3, speech: 3, music: 1 })
    expect(planCalls(planFromStoryboard(storyboardJson, { entry: 'storyboard', castCall: false }))).toEqual({ chat: 0, image: 9, video: 3, speech: 3, music: 0 })
    // A silent film (`sound: false`) speaks no line and has no bed.
    expect(planCalls(planFromStoryboard(storyboardJson, { entry: 'storyboard', castCall: false, voices: false, music: false }))).toMatchObject({ speech: 0, music: 0 })
  })

  it('estimates paid calls: every cold run pays the plan, an edit one clip, offline kinds nothing', () => {
    const plan = planFromStoryboard(storyboardJson, { entry: 'script', castCall: true })
    // per cold run: chat 1 + 1 + 2 = 4, image 9 → 13 paid (video offline); runs 2 × (cold + serial and 2 concurrencies) = 8
    expect(paidCalls(plan, { paidKinds: ['chat', 'image'], runs: 2, concurrencyScenarios: 3 })).toEqual({
      total: 104,
      detail: '13 per cold run × 8 cold runs + 0 per edit × 2 edits',
    })
  })

  it('rejects something that is not a storyboard', () => {
    expect(() => planFromStoryboard({ title: 'x' }, { entry: 'idea', castCall: true })).toThrow(/no scenes/)
  })
})

describe('editOneShot', () => {
  const shot = (id: string) => ({ id, firstFrame: `frame ${id}`, videoPrompt: `move ${id}`, dialogue: [] })
  const spec = {
    name: 'board',
    source: { kind: 'storyboard', scenes: [{ number: 1, shots: [shot('1'), shot('2')] }, { number: 2, shots: [shot('3')] }] },
  } as unknown as ResolvedSpec

  it("changes the middle shot's video prompt and nothing else", () => {
    const edited = editOneShot(spec)
    expect(edited.shotId).toBe('2')
    if (edited.spec.source.kind !== 'storyboard') throw new Error('kind changed')
    const prompts = edited.spec.source.scenes.flatMap((scene) => scene.shots.map((s) => s.videoPrompt))
    expect(prompts).toEqual(['move 1', `move 2${EDIT_SUFFIX}`, 'move 3'])
    expect(spec.source.kind === 'storyboard' && spec.source.scenes[0]!.shots[1]!.videoPrompt).toBe('move 2')
  })
})
