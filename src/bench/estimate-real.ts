import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { ModelKind } from '../providers/types.js'
import type { ResolvedSpec } from '../spec/types.js'
import { paidCalls } from './paid-calls.js'
import { planFromStoryboard, soundOf } from './plan.js'
import { runScenario, type ModelSource } from './run-scenario.js'

export interface RealEstimate {
  readonly total: number
  /** One line per spec, e.g. "lighthouse-idea: 41 per cold run × 4 cold runs + 1 per edit × 1 edit = 165". */
  readonly lines: readonly string[]
}

/**
 * How many paid calls `--real` would make, from the plan of each spec. The plan of an idea or a
 * script only exists after writing it, so it is made first with the offline provider — free, no
 * network — and its scenes, shots and characters stand in for the real ones.
 */
export async function estimateReal(input: {
  readonly specs: readonly ResolvedSpec[]
  readonly offline: (spec: ResolvedSpec) => ModelSource
  readonly paidKinds: (spec: ResolvedSpec) => readonly ModelKind[]
  readonly runs: number
  readonly concurrencyScenarios: number
  readonly warn: (message: string) => void
}): Promise<RealEstimate> {
  const lines: string[] = []
  let total = 0
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vimax-bench-plan-'))
  try {
    for (const spec of input.specs) {
      const run = await runScenario({
        spec,
        source: input.offline(spec),
        concurrency: undefined,
        cacheDir: path.join(dir, spec.name, 'cache'),
        outDir: path.join(dir, spec.name, 'out'),
        warn: input.warn,
      })
      const storyboard = JSON.parse(await readFile(path.join(run.outDir, 'storyboard.json'), 'utf8')) as unknown
      const plan = planFromStoryboard(storyboard, { entry: spec.source.kind, castCall: run.castCall, ...soundOf(spec) })
      const paid = paidCalls(plan, { paidKinds: input.paidKinds(spec), runs: input.runs, concurrencyScenarios: input.concurrencyScenarios })
      total += paid.total
      lines.push(`${spec.name}: ${paid.detail} = ${paid.total}`)
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  return { total, lines }
}
