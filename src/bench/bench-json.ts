import type { PerKind } from '../pipeline/call-counts.js'
import type { ModelKind, ModelRefs } from '../providers/types.js'
import type { EntryPoint, Latencies } from './plan.js'

/**
 * The result of `vimax bench`, as printed by --json and kept by --save. Names are snake_case and
 * stable: CI scripts and --baseline read them. New fields may be added; bump BENCH_JSON_VERSION
 * when one changes meaning.
 */
export const BENCH_JSON_VERSION = 1

export interface TimeFigures {
  readonly median_ms: number
  readonly min_ms: number
  readonly max_ms: number
}

export interface LatencyFigures {
  readonly n: number
  readonly p50_ms: number
  readonly p95_ms: number
}

export type ScenarioName = 'cold' | 'warm' | 'serial' | 'edit' | `concurrent-${number}`

export interface PhasesJson {
  readonly calls_ms: number
  readonly to_edit_ms: number
  readonly edit_ms: number
  readonly film_out_ms: number
  readonly finish_ms: number
}

export interface ScenarioJson {
  readonly name: ScenarioName
  /** Calls in flight per lane: a number, or "configured" (the config's lanes, as `vimax generate` runs). */
  readonly lanes: number | 'configured'
  readonly runs: number
  /** The whole run: pipeline, assembly, manifest. */
  readonly wall: TimeFigures
  /** Until assembly starts: what the critical path bounds. */
  readonly pipeline: TimeFigures
  readonly assembly: TimeFigures
  /** Calls made to a provider (the most of any run), per kind. */
  readonly calls: PerKind
  readonly cached: PerKind
  /** cached ÷ (made + cached), over all kinds. */
  readonly cache_hit_rate: number
  /** Provider time of the calls made (lane wait excluded); null when none were made. */
  readonly latency: Readonly<Record<ModelKind, LatencyFigures | null>>
  /**
   * Where the median run's wall time went, in order: until the last provider call ended, then
   * until the edit started, the edit (picture and soundtrack), writing the film out, and the
   * manifest. They add up to that run's wall. Says what a warm run spends its time on.
   */
  readonly phases: PhasesJson
  /** Peak resident memory of the bench process during the scenario (sampled every 20 ms). */
  readonly peak_rss_mb: number
  /**
   * What no run with this scenario's lanes can beat: the critical path, or the busiest lane's
   * load when that is longer (lane-bound.ts); null for warm and edit runs.
   */
  readonly bound: BoundJson | null
  /** Median pipeline ÷ bound (assembly out); null for warm and edit runs. */
  readonly efficiency: number | null
  /** Median wall ÷ bound (assembly in). */
  readonly efficiency_with_assembly: number | null
  /** ViMax model ÷ median pipeline (assembly out of both). */
  readonly speedup: number | null
  /** ViMax model ÷ median wall (assembly in ours only). */
  readonly speedup_with_assembly: number | null
}

export interface LaneLoadJson {
  readonly kind: ModelKind
  readonly calls: number
  readonly concurrency: number
  readonly rpm: number | null
  readonly rounds: number
  /** Earliest start of the lane's first call, its busy time, and what must follow its last call. */
  readonly head_ms: number
  readonly busy_ms: number
  readonly tail_ms: number
  readonly ms: number
}

export interface BoundJson {
  readonly ms: number
  /** "critical path", or the lane that binds ("video lane"). */
  readonly by: string
  /** The lane with the longest load, binding or not (null when the plan makes no calls). */
  readonly busiest_lane: LaneLoadJson | null
}

export interface SpecJson {
  readonly spec: string
  readonly path: string
  readonly entry: EntryPoint
  readonly plan: {
    readonly scenes: number
    readonly shots: number
    readonly characters: number
    readonly shots_per_scene: readonly number[]
    readonly cast_call: boolean
    /** What one cold run calls per kind, from the plan (a check on the measured counts). */
    readonly calls_per_cold_run: PerKind
  }
  /** The latencies the two reference times use: the simulated ones, or (--real) the cold runs' medians. */
  readonly latencies_ms: Latencies
  readonly critical_path: { readonly ms: number; readonly chain: readonly string[] }
  readonly vimax_model: { readonly ms: number; readonly head_ms: number; readonly scenes_ms: readonly number[] }
  /** The scenario the headline figures come from: the largest --concurrency. */
  readonly headline: ScenarioName
  readonly scenarios: readonly ScenarioJson[]
  /** Warm wall median ÷ cold wall median. */
  readonly warm_vs_cold: number
  readonly edit: {
    readonly shot: string
    readonly expected_calls: PerKind
    readonly calls: PerKind
    /** Exactly the expected calls were made: one clip, nothing upstream. */
    readonly exact: boolean
  }
}

export interface TargetJson {
  readonly name: string
  readonly spec: string
  readonly value: number
  readonly target: string
  readonly met: boolean
}

export interface BenchJson {
  readonly vimax_bench: typeof BENCH_JSON_VERSION
  readonly vimax_version: string
  readonly node: string
  readonly platform: string
  readonly cpus: number
  readonly cpu_model: string
  readonly started_at: string
  readonly duration_ms: number
  readonly mode: 'offline' | 'real'
  readonly models: ModelRefs
  readonly runs: number
  /** Offline only: the latencies as given, the scale, and what the offline provider simulated. */
  readonly latency_unscaled_ms: Latencies | null
  readonly time_scale: number | null
  readonly simulated_latency_ms: Latencies | null
  /**
   * Offline: the provider's own rendering (cards, ffmpeg animatics) was done once, untimed, and
   * reused by the timed runs — which still wait every simulated latency. False with --render-cost.
   */
  readonly reused_renders: boolean
  /** The --concurrency values run as scenarios (1 is the serial scenario). */
  readonly concurrency: readonly number[]
  readonly critical_path_rule: string
  readonly vimax_model_formula: string
  readonly vimax_model_constants: {
    readonly camera_tree_depth: number
    readonly selector_calls_per_frame: number
    readonly planning_calls_per_scene: number
  }
  readonly specs: readonly SpecJson[]
  readonly targets: readonly TargetJson[]
}
