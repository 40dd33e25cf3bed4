import { MODEL_KINDS, type ModelKind } from '../providers/types.js'
import { paidByThisRun, type PipelineEvent } from './events.js'

export type PerKind = Record<ModelKind, number>

/** Estimated USD: paid for calls whose price is known, saved by hits, and paid calls at unknown prices. */
export interface Money {
  readonly spentUsd: number
  readonly savedUsd: number
  readonly unpriced: number
}

export interface CallCounts {
  observe(event: PipelineEvent): void
  /** Calls actually made to a provider, per kind (failed ones included: they were made). */
  made(): PerKind
  /** Results served from the cache, per kind. */
  cached(): PerKind
  /** Video jobs an earlier run started, finished by this one without paying again. */
  resumed(): PerKind
  money(): Money
}

export function countCalls(): CallCounts {
  const made = perKind()
  const cached = perKind()
  const resumed = perKind()
  const money = { spentUsd: 0, savedUsd: 0, unpriced: 0 }
  return {
    observe(event) {
      if (event.type !== 'call:end') return
      if (event.cached) cached[event.kind] += 1
      else if (event.resumed) resumed[event.kind] += 1
      else made[event.kind] += 1
      money.savedUsd += event.savedUsd ?? 0
      if (!paidByThisRun(event)) return
      if (event.costUsd === undefined) money.unpriced += 1
      else money.spentUsd += event.costUsd
    },
    made: () => ({ ...made }),
    cached: () => ({ ...cached }),
    resumed: () => ({ ...resumed }),
    money: () => ({ ...money }),
  }
}

/** Zero for every kind. */
export function perKind(): PerKind {
  return Object.fromEntries(MODEL_KINDS.map((kind) => [kind, 0])) as PerKind
}
