import { describe, expect, it } from 'vitest'
import { errorJson } from '../../../src/cli/format-error.js'
import { BudgetError } from '../../../src/errors.js'
import type { Script, Shot } from '../../../src/film.js'
import type { ArtifactRecord } from '../../../src/pipeline/artifacts.js'
import { createBudget, type Budget } from '../../../src/pipeline/budget.js'
import type { RunState } from '../../../src/pipeline/finish-run.js'
import { notBought } from '../../../src/pipeline/not-bought.js'
import type { ShotResult } from '../../../src/pipeline/shoot-shot.js'

const scene = (id: string) => ({ id, slugline: `EXT. ${id}`, action: '', dialogue: [], characters: [] })
const script: Script = { title: 'T', logline: 'L', scenes: [scene('1'), scene('2'), scene('3')] }
const shot = (id: string): Shot => ({ id, sceneId: id.split('.')[0]!, firstFrame: '', videoPrompt: '', characters: [], dialogue: [], seconds: 4, take: 0 })
const artifact = (kind: 'frame' | 'clip', subject: string): ArtifactRecord => ({ kind, subject, path: `${kind}s/${subject}`, sha256: 'x'.repeat(64), bytes: 1 })
const result = (s: Shot, withClip: boolean): ShotResult => ({
  shot: s,
  frame: artifact('frame', s.id),
  ...(withClip ? { clip: artifact('clip', s.id) } : {}),
})

/** The refusal a budget throws, as the run's first failure. */
function refuse(budget: Budget, estimate: number | undefined, subject: string): BudgetError {
  try {
    budget.hold(estimate, { kind: 'video', provider: 'acme', model: 'camera', subject })
  } catch (error) {
    if (error instanceof BudgetError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('notBought', () => {
  it('lists the refused calls, the shots left unfinished, the scenes never storyboarded, and what was spent', () => {
    const budget = createBudget(2)
    budget.hold(1.25, { kind: 'video', provider: 'acme', model: 'camera', subject: 'shot 1.1' }).settle(1.25)
    const refusal = refuse(budget, 1.25, 'shot 2.1')
    refuse(budget, 1.25, 'shot 1.2')
    const s11 = shot('1.1')
    const s12 = shot('1.2')
    const s21 = shot('2.1')
    // Scenes 1 and 2 have storyboards; 1.1 has its clip, 1.2 only its frame; scene 3 was never reached.
    const state: RunState = { script, cast: [], planned: [s11, s12, s21], finished: [result(s11, true), result(s12, false)] }

    const error = notBought(refusal, state, budget)
    expect(error).toBeInstanceOf(BudgetError)
    expect(error.message).toBe(refusal.message)
    expect(error.code).toBe('E_BUDGET_EXCEEDED')
    expect(error.hint).toBe(refusal.hint)
    expect(error.cause).toBe(refusal)
    expect(error.details).toEqual([
      'not started: video for shot 2.1 (about $1.25)',
      'not started: video for shot 1.2 (about $1.25)',
      'shots not finished: 1.2, 2.1 (1 of 3 finished and kept)',
      'scenes not storyboarded: 3',
      'spent: about $1.25 of $2.00',
    ])
  })

  it('gives scripts the same facts as values: cost_usd, the calls not started, the shots and scenes left', () => {
    const budget = createBudget(2)
    budget.hold(1.25, { kind: 'video', provider: 'acme', model: 'camera', subject: 'shot 1.1' }).settle(1.25)
    const refusal = refuse(budget, 1.25, 'shot 2.1')
    refuse(budget, undefined, 'shot 1.2')
    const [s11, s12, s21] = [shot('1.1'), shot('1.2'), shot('2.1')]
    const state: RunState = { script, cast: [], planned: [s11!, s12!, s21!], finished: [result(s11!, true), result(s12!, false)] }
    const error = notBought(refusal, state, budget)
    expect(error.data).toEqual({
      cost_usd: 1.25,
      max_cost_usd: 2,
      not_started: [
        { kind: 'video', provider: 'acme', model: 'camera', subject: 'shot 2.1', estimate_usd: 1.25 },
        { kind: 'video', provider: 'acme', model: 'camera', subject: 'shot 1.2', estimate_usd: null },
      ],
      shots_finished: ['1.1'],
      shots_not_finished: ['1.2', '2.1'],
      scenes_not_storyboarded: ['3'],
    })
    // --json prints them as top-level fields of the error object; the fixed fields keep their meaning.
    expect(errorJson(error)).toMatchObject({ status: 'error', code: 'E_BUDGET_EXCEEDED', exit_code: 5, cost_usd: 1.25, not_started: error.data.not_started })
  })

  it('keeps the refusal\'s own details first', () => {
    const original = new BudgetError('budget: 1 model has no price', { code: 'E_BUDGET_UNKNOWN_PRICE', details: ['video: acme:camera has no price'] })
    const state: RunState = { script, planned: [shot('1.1'), shot('2.1'), shot('3.1')], finished: [] }
    const error = notBought(original, state, undefined)
    expect(error.code).toBe('E_BUDGET_UNKNOWN_PRICE')
    expect(error.details).toEqual(['video: acme:camera has no price', 'shots not finished: 1.1, 2.1, 3.1 (0 of 3 finished and kept)'])
  })

  it('says nothing of shots or scenes when every planned shot finished and every scene was storyboarded', () => {
    const budget = createBudget(1)
    const refusal = refuse(budget, 5, 'the run')
    const shots = [shot('1.1'), shot('2.1'), shot('3.1')]
    const state: RunState = { script, planned: shots, finished: shots.map((s) => result(s, true)) }
    expect(notBought(refusal, state, budget).details).toEqual(['not started: video for the run (about $5.00)', 'spent: about $0.00 of $1.00'])
  })

  it('a refusal before the script exists names no shots and no scenes', () => {
    const budget = createBudget(0.01)
    const refusal = refuse(budget, undefined, 'story')
    expect(notBought(refusal, { planned: [], finished: [] }, budget).details).toEqual(['not started: video for story (price unknown)', 'spent: about $0.00 of $0.01'])
  })
})
