import type { PlanRow, RunPlan } from '../pipeline/run-plan.js'
import type { ModelKind } from '../providers/types.js'
import { criticalPath } from './critical-path.js'

export interface PlanTime {
  /** No schedule finishes sooner: the longest chain of dependent calls, or a lane's share of the work. */
  readonly ms: number
  readonly chain: readonly string[]
  /** Whether every latency came from this machine's ledger, none did, or some. */
  readonly basis: 'measured' | 'typical' | 'mixed'
}

/** Latency of one model's calls: the ledger's median when it has one, a typical figure otherwise. */
export type LatencyOf = (row: PlanRow) => { readonly ms: number; readonly measured: boolean }

/**
 * How long the planned run takes at least: the critical path through the film's dataflow, with
 * a kind's latency 0 when the cache holds all its calls, or the busiest lane's calls divided
 * among its slots — whichever is longer. Cache hits take no time worth counting.
 */
export function estimatePlanTime(plan: RunPlan, latencyOf: LatencyOf, concurrency: (provider: string, kind: ModelKind) => number): PlanTime {
  const latency: Record<ModelKind, number> = { chat: 0, image: 0, video: 0, speech: 0, music: 0 }
  const measured: boolean[] = []
  let lanesMs = 0
  for (const row of plan.rows) {
    if (row.toPay === 0) continue
    const { ms, measured: fromLedger } = latencyOf(row)
    measured.push(fromLedger)
    latency[row.kind] = Math.max(latency[row.kind], ms)
    lanesMs = Math.max(lanesMs, Math.ceil(row.toPay / Math.max(1, concurrency(row.provider, row.kind))) * ms)
  }
  const path = criticalPath(plan.structure, latency)
  const basis = measured.every(Boolean) ? 'measured' : measured.some(Boolean) ? 'mixed' : 'typical'
  return path.ms >= lanesMs ? { ms: path.ms, chain: path.chain, basis } : { ms: lanesMs, chain: ['the busiest lane'], basis }
}

/** Typical provider latencies, for models this machine has not called yet. */
export function typicalLatencyMs(provider: string, kind: ModelKind): number {
  // Offline speech is an eSpeak process a line; the offline score is ffmpeg rendering a minute or so.
  if (provider === 'offline') return { chat: 10, image: 150, video: 600, speech: 150, music: 2_000 }[kind]
  return { chat: 8_000, image: 15_000, video: 120_000, speech: 2_500, music: 30_000 }[kind]
}
