import { estimatePlanTime, typicalLatencyMs, type LatencyOf, type PlanTime } from '../bench/plan-time.js'
import type { RunSettings } from '../config/run-settings.js'
import type { Ledger } from '../ledger/open-ledger.js'
import type { RunPlan } from '../pipeline/run-plan.js'

const MINUTE_MS = 60_000

/**
 * The least time a planned run can take: latencies this machine measured, else typical ones; and
 * no sooner than each lane's `rpm` lets its calls start. The dry run's stand-ins skip the lanes'
 * waits (planning must not take as long as the run), so the lanes' pace is applied here instead.
 */
export function planTime(plan: RunPlan, ledger: Pick<Ledger, 'medianLatency'>, settings: Pick<RunSettings, 'laneLimits'>): PlanTime {
  const latencyOf: LatencyOf = (row) => {
    const measured = ledger.medianLatency({ provider: row.provider, model: row.model, kind: row.kind })
    return measured === undefined ? { ms: typicalLatencyMs(row.provider, row.kind), measured: false } : { ms: measured, measured: true }
  }
  const estimate = estimatePlanTime(plan, latencyOf, (provider, kind) => settings.laneLimits(provider, kind).concurrency)
  const paced = pacedLane(plan, latencyOf, settings)
  return paced !== undefined && paced.ms > estimate.ms ? { ...estimate, ms: paced.ms, chain: [paced.chain] } : estimate
}

/**
 * The lane its `rpm` holds back longest: with N calls to start at R a minute, the last starts
 * ⌊(N−1)/R⌋ minutes in, then takes its own latency.
 */
export function pacedLane(plan: RunPlan, latencyOf: LatencyOf, settings: Pick<RunSettings, 'laneLimits'>): { ms: number; chain: string } | undefined {
  const lanes = new Map<string, { provider: string; kind: RunPlan['rows'][number]['kind']; starts: number; latencyMs: number }>()
  for (const row of plan.rows) {
    if (row.toPay === 0) continue
    const name = `${row.provider}:${row.kind}`
    const lane = lanes.get(name) ?? { provider: row.provider, kind: row.kind, starts: 0, latencyMs: 0 }
    lane.starts += row.toPay
    lane.latencyMs = Math.max(lane.latencyMs, latencyOf(row).ms)
    lanes.set(name, lane)
  }
  let slowest: { ms: number; chain: string } | undefined
  for (const [name, lane] of lanes) {
    const rpm = settings.laneLimits(lane.provider, lane.kind).rpm
    if (rpm === undefined || rpm <= 0) continue
    const ms = Math.floor((lane.starts - 1) / rpm) * MINUTE_MS + lane.latencyMs
    if (slowest === undefined || ms > slowest.ms) slowest = { ms, chain: `${lane.starts} ${lane.kind} calls on the ${name} lane at ${rpm} a minute` }
  }
  return slowest
}
