import { estimatePlanTime, typicalLatencyMs, type PlanTime } from '../bench/plan-time.js'
import type { RunSettings } from '../config/run-settings.js'
import type { Ledger } from '../ledger/open-ledger.js'
import type { RunPlan } from '../pipeline/run-plan.js'

/** The least time a planned run can take: latencies this machine measured, else typical ones. */
export function planTime(plan: RunPlan, ledger: Pick<Ledger, 'medianLatency'>, settings: Pick<RunSettings, 'laneLimits'>): PlanTime {
  return estimatePlanTime(
    plan,
    (row) => {
      const measured = ledger.medianLatency({ provider: row.provider, model: row.model, kind: row.kind })
      return measured === undefined ? { ms: typicalLatencyMs(row.provider, row.kind), measured: false } : { ms: measured, measured: true }
    },
    (provider, kind) => settings.laneLimits(provider, kind).concurrency,
  )
}
