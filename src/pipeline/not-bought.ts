import { BudgetError } from '../errors.js'
import type { Budget } from './budget.js'
import type { RunState } from './finish-run.js'

/**
 * The budget's refusal, completed with what the run did not buy — the calls refused and the shots
 * and storyboards left undone — so a person knows what a higher cap would pay for. The same facts
 * go in `data` as values, for scripts reading the `--json` error (README "JSON output").
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
  const data = {
    ...error.data,
    ...(budget && { cost_usd: usd(budget.spentUsd()), max_cost_usd: budget.maxUsd }),
    not_started: (budget?.refusedCalls() ?? []).map((call) => ({
      kind: call.kind,
      provider: call.provider,
      model: call.model,
      subject: call.subject ?? null,
      // null: the model has no price.
      estimate_usd: call.estimateUsd === undefined ? null : usd(call.estimateUsd),
    })),
    shots_finished: [...finished],
    shots_not_finished: undone,
    scenes_not_storyboarded: unboarded,
  }
  return new BudgetError(error.message, { code: error.code, hint: error.hint, details: [...error.details, ...details], data, cause: error })
}

/** Sums of float prices drift (0.1 + 0.2); a millionth of a dollar is precision enough. */
const usd = (amount: number) => Math.round(amount * 1e6) / 1e6
