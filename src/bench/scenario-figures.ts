import { perKind, type PerKind } from '../pipeline/call-counts.js'
import { MODEL_KINDS, type ModelKind } from '../providers/types.js'
import type { BoundJson, LatencyFigures, PhasesJson, ScenarioJson, ScenarioName, TimeFigures } from './bench-json.js'
import { spread } from './measure.js'
import type { ScenarioRun } from './run-scenario.js'

export interface ReferenceTimes {
  /** The lane-aware bound (the critical path, or the busiest lane when longer). */
  readonly bound: BoundJson
  /** The ViMax schedule model, ms. */
  readonly vimaxMs: number
}

/** Figures of one scenario over its runs; reference ratios only for runs that make the whole film (cold ones). */
export function scenarioFigures(
  name: ScenarioName,
  lanes: number | 'configured',
  runs: readonly ScenarioRun[],
  reference: ReferenceTimes | undefined,
): ScenarioJson {
  const wall = times(runs.map((run) => run.wallMs))
  const pipeline = times(runs.map((run) => run.pipelineMs))
  const calls = mostPerKind(runs.map((run) => run.calls))
  const cached = mostPerKind(runs.map((run) => run.cached))
  const made = sum(calls)
  const hits = sum(cached)
  const ratio = (numerator: number, denominator: number) => (reference && denominator > 0 ? round(numerator / denominator, 3) : null)
  return {
    name,
    lanes,
    runs: runs.length,
    wall,
    pipeline,
    assembly: times(runs.map((run) => run.assemblyMs)),
    calls,
    cached,
    cache_hit_rate: made + hits === 0 ? 0 : round(hits / (made + hits), 3),
    latency: latencyFigures(runs),
    phases: phasesOf(runs),
    peak_rss_mb: round(Math.max(0, ...runs.map((run) => run.peakRssBytes)) / 1024 / 1024, 1),
    bound: reference?.bound ?? null,
    efficiency: ratio(pipeline.median_ms, reference?.bound.ms ?? 0),
    efficiency_with_assembly: ratio(wall.median_ms, reference?.bound.ms ?? 0),
    speedup: ratio(reference?.vimaxMs ?? 0, pipeline.median_ms),
    speedup_with_assembly: ratio(reference?.vimaxMs ?? 0, wall.median_ms),
  }
}

/** The phases of the run with the median wall time (phases of different runs would not add up). */
function phasesOf(runs: readonly ScenarioRun[]): PhasesJson {
  const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs)
  const median = sorted[Math.floor((sorted.length - 1) / 2)]
  const p = median?.phases ?? { callsMs: 0, toEditMs: 0, editMs: 0, filmOutMs: 0, finishMs: 0 }
  return { calls_ms: round(p.callsMs, 1), to_edit_ms: round(p.toEditMs, 1), edit_ms: round(p.editMs, 1), film_out_ms: round(p.filmOutMs, 1), finish_ms: round(p.finishMs, 1) }
}

/** p50 and p95 of the provider time of every call made, pooled over the runs. */
function latencyFigures(runs: readonly ScenarioRun[]): Record<ModelKind, LatencyFigures | null> {
  const figures = {} as Record<ModelKind, LatencyFigures | null>
  for (const kind of MODEL_KINDS) {
    const samples = runs.flatMap((run) => run.latencies[kind])
    const s = spread(samples)
    figures[kind] = samples.length === 0 ? null : { n: s.n, p50_ms: round(s.median, 1), p95_ms: round(s.p95, 1) }
  }
  return figures
}

export function times(samples: readonly number[]): TimeFigures {
  const s = spread(samples)
  return { median_ms: round(s.median, 1), min_ms: round(s.min, 1), max_ms: round(s.max, 1) }
}

/** Per kind, the most any run made: a call that happens in only some runs still shows. */
function mostPerKind(values: readonly PerKind[]): PerKind {
  const most = perKind()
  for (const value of values) for (const kind of MODEL_KINDS) most[kind] = Math.max(most[kind], value[kind])
  return most
}

const sum = (value: PerKind) => MODEL_KINDS.reduce((total, kind) => total + value[kind], 0)

export function round(value: number, digits: number): number {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}
