import type { SpecJson, TargetJson } from './bench-json.js'

/**
 * The goals from the bench's issue, checked against one result. Reported, never asserted: a
 * missed target is a finding to explain, not a failure (regressions are what --baseline gates).
 */
export function checkTargets(specs: readonly SpecJson[]): TargetJson[] {
  const targets: TargetJson[] = []
  for (const spec of specs) {
    const headline = spec.scenarios.find((scenario) => scenario.name === spec.headline)
    const warm = spec.scenarios.find((scenario) => scenario.name === 'warm')
    // The bound assumes every shot can be in flight at once; with fewer lanes it is not the bound.
    if (headline?.efficiency != null && typeof headline.lanes === 'number' && headline.lanes >= spec.plan.shots) {
      targets.push({ name: `efficiency (${headline.name})`, spec: spec.spec, value: headline.efficiency, target: '≤ 1.10', met: headline.efficiency <= 1.1 })
    }
    if (spec.entry === 'idea' && headline?.speedup != null) {
      targets.push({ name: `speedup over ViMax (${headline.name})`, spec: spec.spec, value: headline.speedup, target: '≥ 3', met: headline.speedup >= 3 })
    }
    if (warm) {
      const calls = warm.calls.chat + warm.calls.image + warm.calls.video
      targets.push({ name: 'warm provider calls', spec: spec.spec, value: calls, target: '= 0', met: calls === 0 })
      targets.push({ name: 'warm wall ÷ cold wall', spec: spec.spec, value: spec.warm_vs_cold, target: '≤ 0.05', met: spec.warm_vs_cold <= 0.05 })
    }
    const editCalls = spec.edit.calls.chat + spec.edit.calls.image + spec.edit.calls.video
    targets.push({ name: `edit shot ${spec.edit.shot}: calls (1 video)`, spec: spec.spec, value: editCalls, target: '= 1 video', met: spec.edit.exact })
  }
  return targets
}
