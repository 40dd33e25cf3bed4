import { perKind } from '../pipeline/call-counts.js'
import { MODEL_KINDS, type ModelKind } from '../providers/types.js'
import type { BoundJson, ScenarioJson, SpecJson } from './bench-json.js'
import type { SpecBench } from './bench-spec.js'
import { criticalPath } from './critical-path.js'
import { referenceBound, type LanesByKind, type ReferenceBound } from './lane-bound.js'
import { spread } from './measure.js'
import { planCalls, shotCount, type Latencies } from './plan.js'
import type { ScenarioRun } from './run-scenario.js'
import { round, scenarioFigures } from './scenario-figures.js'
import { vimaxModel, type VimaxConstants } from './vimax-model.js'

/** An edited video prompt reaches one clip and nothing else. */
export const EDIT_EXPECTED = { chat: 0, image: 0, video: 1, speech: 0, music: 0 } as const

/**
 * Figures of one spec. `simulated` are the offline latencies; with --real (undefined) the
 * reference times use the medians the cold runs measured, per kind.
 */
export function specFigures(bench: SpecBench, simulated: Latencies | undefined, constants: VimaxConstants): SpecJson {
  const { plan, spec } = bench
  const byName = new Map(bench.scenarios.map((scenario) => [scenario.name, scenario]))
  const coldRuns = byName.get('cold')?.runs ?? []
  const latencies = simulated ?? measuredMedians(coldRuns)
  const bound = criticalPath(plan, latencies)
  const model = vimaxModel(plan, latencies, constants)
  const reference = (limits: LanesByKind) => ({ bound: boundJson(referenceBound(plan, latencies, limits)), vimaxMs: model.ms })
  const scenarios: ScenarioJson[] = bench.scenarios.map((scenario) =>
    scenarioFigures(scenario.name, scenario.lanes, scenario.runs, scenario.name === 'warm' || scenario.name === 'edit' ? undefined : reference(scenario.limits)),
  )
  const figures = new Map(scenarios.map((scenario) => [scenario.name, scenario]))
  const concurrent = scenarios.filter((scenario) => scenario.name.startsWith('concurrent-'))
  const headline = concurrent.at(-1)?.name ?? 'cold'
  const editCalls = figures.get('edit')?.calls ?? perKind()
  const coldWall = figures.get('cold')?.wall.median_ms ?? 0
  return {
    spec: spec.name,
    path: spec.path,
    entry: plan.entry,
    plan: {
      scenes: plan.scenes.length,
      shots: shotCount(plan),
      characters: plan.characters.length,
      shots_per_scene: plan.scenes.map((scene) => scene.shots.length),
      cast_call: plan.castCall,
      calls_per_cold_run: planCalls(plan),
    },
    latencies_ms: latencies,
    critical_path: { ms: round(bound.ms, 1), chain: bound.chain },
    vimax_model: { ms: round(model.ms, 1), head_ms: round(model.headMs, 1), scenes_ms: model.scenesMs.map((ms) => round(ms, 1)) },
    headline,
    scenarios,
    warm_vs_cold: coldWall > 0 ? round((figures.get('warm')?.wall.median_ms ?? 0) / coldWall, 4) : 0,
    edit: {
      shot: bench.editedShot,
      expected_calls: { ...EDIT_EXPECTED },
      calls: editCalls,
      exact: MODEL_KINDS.every((kind) => editCalls[kind] === EDIT_EXPECTED[kind]),
    },
  }
}

function boundJson(bound: ReferenceBound): BoundJson {
  const lane = bound.busiest
  return {
    ms: round(bound.ms, 1),
    by: bound.by,
    busiest_lane: lane
      ? {
          kind: lane.kind,
          calls: lane.calls,
          concurrency: lane.concurrency,
          rpm: lane.rpm ?? null,
          rounds: Math.ceil(lane.calls / lane.concurrency),
          head_ms: round(lane.headMs, 1),
          busy_ms: round(lane.busyMs, 1),
          tail_ms: round(lane.tailMs, 1),
          ms: round(lane.ms, 1),
        }
      : null,
  }
}

function measuredMedians(runs: readonly ScenarioRun[]): Latencies {
  const median = (kind: ModelKind) => round(spread(runs.flatMap((run) => run.latencies[kind])).median, 1)
  return Object.fromEntries(MODEL_KINDS.map((kind) => [kind, median(kind)])) as Record<ModelKind, number>
}
