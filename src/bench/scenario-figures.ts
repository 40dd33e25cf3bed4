import { perKind, type PerKind } from '../pipeline/call-counts.js'
import { MODEL_KINDS, type ModelKind } from '../providers/types.js'
import type { LatencyFigures, ScenarioJson, ScenarioName, TimeFigures } from './bench-json.js'
import { spread } from './measure.js'
import type { ScenarioRun } from './run-scenario.js'

export interface ReferenceTimes {
  /** The critical-path bound, ms. */
  readonly boundMs: number
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
    peak_rss_mb: round(Math.max(0, ...runs.map((run) => run.peakRssBytes)) / 1024 / 1024, 1),
    efficiency: ratio(pipeline.median_ms, reference?.boundMs ?? 0),
    efficiency_with_assembly: ratio(wall.median_ms, reference?.boundMs ?? 0),
    speedup: ratio(reference?.vimaxMs ?? 0, pipeline.median_ms),
    speedup_with_assembly: ratio(reference?.vimaxMs ?? 0, wall.median_ms),
  }
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
