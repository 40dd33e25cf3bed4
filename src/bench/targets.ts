import { MODEL_KINDS } from '../providers/types.js'
import type { PerKind } from '../pipeline/call-counts.js'
import type { ScenarioJson, SpecJson, TargetJson } from './bench-json.js'

/** Most a warm run may take, as a share of a cold one. */
export const WARM_SHARE = 0.05

/**
 * The goals from the bench's issues, checked against one result. Reported, never asserted: a
 * missed target is a finding to explain, not a failure (regressions are what --baseline gates).
 * Each says what it measured: calls count every kind (speech and music too), and efficiency is
 * against the lane-aware bound, so it holds at any lane width.
 */
export function checkTargets(specs: readonly SpecJson[]): TargetJson[] {
  const targets: TargetJson[] = []
  for (const spec of specs) {
    const headline = spec.scenarios.find((scenario) => scenario.name === spec.headline)
    const warm = spec.scenarios.find((scenario) => scenario.name === 'warm')
    const cold = spec.scenarios.find((scenario) => scenario.name === 'cold')
    if (headline?.efficiency != null) {
      targets.push({ name: `efficiency (${headline.name}, pipeline ÷ ${boundName(headline)})`, spec: spec.spec, value: headline.efficiency, target: '≤ 1.10', met: headline.efficiency <= 1.1 })
    }
    if (headline?.efficiency_with_assembly != null) {
      targets.push({
        name: `efficiency with assembly (${headline.name}, wall ÷ ${boundName(headline)})`,
        spec: spec.spec,
        value: headline.efficiency_with_assembly,
        target: '≤ 1.10',
        met: headline.efficiency_with_assembly <= 1.1,
      })
    }
    if (spec.entry === 'idea' && headline?.speedup != null) {
      targets.push({ name: `speedup over ViMax (${headline.name})`, spec: spec.spec, value: headline.speedup, target: '≥ 3', met: headline.speedup >= 3 })
    }
    if (warm) {
      const calls = total(warm.calls)
      targets.push({ name: 'warm provider calls (chat+image+video+speech+music)', spec: spec.spec, value: calls, target: '= 0', met: calls === 0 })
      targets.push({ name: 'warm wall ÷ cold wall', spec: spec.spec, value: spec.warm_vs_cold, target: `≤ ${WARM_SHARE}`, met: spec.warm_vs_cold <= WARM_SHARE })
      // The same share without assembly: says whether a slow warm run is the calls' side or ffmpeg's.
      if (cold && cold.pipeline.median_ms > 0) {
        const share = Math.round((warm.pipeline.median_ms / cold.pipeline.median_ms) * 10_000) / 10_000
        targets.push({ name: 'warm pipeline ÷ cold pipeline', spec: spec.spec, value: share, target: `≤ ${WARM_SHARE}`, met: share <= WARM_SHARE })
      }
    }
    const editCalls = total(spec.edit.calls)
    targets.push({ name: `edit shot ${spec.edit.shot}: calls (1 video, nothing else)`, spec: spec.spec, value: editCalls, target: '= 1 video', met: spec.edit.exact })
  }
  return targets
}

const boundName = (scenario: ScenarioJson) => (scenario.bound?.by === undefined || scenario.bound.by === 'critical path' ? 'critical path' : `${scenario.bound.by} bound`)

// A saved result from before speech and music were kinds has no count for them.
const total = (calls: PerKind) => MODEL_KINDS.reduce((sum, kind) => sum + (calls[kind] ?? 0), 0)
