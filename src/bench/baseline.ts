import type { PerKind } from '../pipeline/call-counts.js'
import { MODEL_KINDS } from '../providers/types.js'
import type { BenchJson, SpecJson } from './bench-json.js'
import { seconds } from './format-bench.js'

/**
 * Below this, a slower wall time is noise, whatever the percentage: a 100 ms warm run that takes
 * 20 ms longer has not regressed.
 */
export const WALL_NOISE_MS = 50

export const COMPARED_FIGURES =
  'per spec: every scenario\'s median wall time (slower by more than the threshold and by at least ' +
  `${WALL_NOISE_MS} ms), the headline scenario's efficiency (higher) and speedup (lower) beyond the threshold, ` +
  'and the calls made by the cold, warm and edit runs (any increase)'

export interface Comparison {
  /** One line per regression, e.g. "regression: spec cold wall 1.42 s vs 1.10 s baseline (+29% > 10%)". */
  readonly regressions: readonly string[]
  /** What could not be compared, or was compared under different conditions. */
  readonly notes: readonly string[]
}

/** Compares a result with a saved one; pure, so the CI gate is testable without timing anything. */
export function compareWithBaseline(current: BenchJson, baseline: BenchJson, maxRegression: number): Comparison {
  const regressions: string[] = []
  const notes: string[] = []
  const limit = `${Math.round(maxRegression * 100)}%`
  for (const [what, now, then] of [
    ['mode', current.mode, baseline.mode],
    ['simulated latencies', JSON.stringify(current.simulated_latency_ms), JSON.stringify(baseline.simulated_latency_ms)],
    ['machine', `${current.cpus} × ${current.cpu_model}`, `${baseline.cpus} × ${baseline.cpu_model}`],
  ] as const) {
    if (now !== then) notes.push(`the baseline was measured with a different ${what} (${then}, now ${now}); compared anyway`)
  }
  for (const spec of current.specs) {
    const before = baseline.specs.find((candidate) => candidate.spec === spec.spec)
    if (!before) {
      notes.push(`${spec.spec}: not in the baseline, not compared`)
      continue
    }
    for (const scenario of spec.scenarios) {
      const then = before.scenarios.find((candidate) => candidate.name === scenario.name)
      if (!then) {
        notes.push(`${spec.spec}: scenario ${scenario.name} not in the baseline, not compared`)
        continue
      }
      const now = scenario.wall.median_ms
      const was = then.wall.median_ms
      if (now - was >= WALL_NOISE_MS && now > was * (1 + maxRegression)) {
        regressions.push(`regression: ${spec.spec} ${scenario.name} wall ${seconds(now)} vs ${seconds(was)} baseline (${change(now, was)} > ${limit})`)
      }
      if (scenario.name === 'cold' || scenario.name === 'warm' || scenario.name === 'edit') {
        const calls = total(scenario.calls)
        if (calls > total(then.calls)) {
          regressions.push(`regression: ${spec.spec} ${scenario.name} made ${calls} provider calls vs ${total(then.calls)} baseline (any increase)`)
        }
      }
    }
    regressions.push(...headlineRegressions(spec, before, maxRegression, limit))
  }
  return { regressions, notes }
}

function headlineRegressions(spec: SpecJson, before: SpecJson, maxRegression: number, limit: string): string[] {
  const now = spec.scenarios.find((scenario) => scenario.name === spec.headline)
  const then = before.scenarios.find((scenario) => scenario.name === spec.headline)
  if (!now || !then) return []
  const found: string[] = []
  const figure = (name: string, value: number | null, was: number | null, worse: (value: number, was: number) => boolean, unit: string) => {
    if (value === null || was === null || !worse(value, was)) return
    found.push(`regression: ${spec.spec} ${now.name} ${name} ${value.toFixed(2)}${unit} vs ${was.toFixed(2)}${unit} baseline (${change(value, was)}, beyond ${limit})`)
  }
  figure('efficiency', now.efficiency, then.efficiency, (value, was) => value > was * (1 + maxRegression), '')
  figure('speedup', now.speedup, then.speedup, (value, was) => value < was * (1 - maxRegression), '×')
  return found
}

// A baseline written before speech and music were kinds has no count for them: none were made.
const total = (calls: PerKind) => MODEL_KINDS.reduce((sum, kind) => sum + (calls[kind] ?? 0), 0)

function change(now: number, was: number): string {
  if (was === 0) return 'new'
  const percent = Math.round(((now - was) / was) * 100)
  return `${percent >= 0 ? '+' : '−'}${Math.abs(percent)}%`
}
