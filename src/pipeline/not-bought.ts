import { BudgetError } from '../errors.js'
import type { Budget } from './budget.js'
import type { RunState } from './finish-run.js'

/**
 * The budget's refusal, completed with what the run did not buy — the calls refused and the shots
 * and storyboards left undone — so a person knows what a higher cap would pay for.
 */
export function notBought(error: BudgetError, state: RunState, budget: Budget | undefined): BudgetError {
  const finished = new Set(state.finished.filter((result) => result.clip !== undefined).map((result) => result.shot.id))
  const undone = state.planned.filter((shot) => !finished.has(shot.id)).map((shot) => shot.id)
  const boarded = new Set(state.planned.map((shot) => shot.sceneId))
  const unboarded = (state.script?.scenes ?? []).filter((scene) => !boarded.has(scene.id)).map((scene) => scene.id)
  const details = [
    ...(budget?.refused() ?? []).map((call) => `not started: ${call}`),
    ...(undone.length > 0 ? [`shots not finished: ${undone.join(', ')} (${finished.size} of ${state.planned.length} finished and kept)`] : []),
    ...(unboarded.length > 0 ? [`scenes not storyboarded: ${unboarded.join(', ')}`] : []),
    ...(budget ? [`spent: about $${budget.spentUsd().toFixed(2)} of $${budget.maxUsd.toFixed(2)}`] : []),
  ]
  return new BudgetError(error.message, { code: error.code, hint: error.hint, details: [...error.details, ...details], cause: error })
}
