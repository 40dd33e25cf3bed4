import { MODEL_KINDS, type ModelKind } from '../providers/types.js'
import { planCalls, type BenchPlan } from './plan.js'

export interface PaidCalls {
  readonly total: number
  /** For the person deciding: "41 per cold run × 4 cold runs + 1 per edit × 1 edit". */
  readonly detail: string
}

/**
 * What `--real` will spend on one spec: every cold run (cold, serial, each concurrency) pays for
 * the whole plan, a warm run for nothing, an edit for one clip. Only kinds served by a paid
 * provider count. An estimate: a real storyboard artist may plan more or fewer shots.
 */
export function paidCalls(
  plan: BenchPlan,
  /** `concurrencyScenarios`: the cold runs at a chosen lane width besides `cold` (serial, when 1 is asked for, included). */
  options: { readonly paidKinds: readonly ModelKind[]; readonly runs: number; readonly concurrencyScenarios: number },
): PaidCalls {
  const perRun = planCalls(plan)
  const perCold = MODEL_KINDS.filter((kind) => options.paidKinds.includes(kind)).reduce((total, kind) => total + perRun[kind], 0)
  const perEdit = options.paidKinds.includes('video') ? 1 : 0
  const coldRuns = options.runs * (1 + options.concurrencyScenarios)
  const edits = options.runs
  return {
    total: perCold * coldRuns + perEdit * edits,
    detail: `${perCold} per cold run × ${coldRuns} cold runs + ${perEdit} per edit × ${edits} edit${edits === 1 ? '' : 's'}`,
  }
}
