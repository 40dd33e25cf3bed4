import { readFile, mkdtemp, rm } from 'node:fs/promises'
import path from 'node:path'
import type { LaneLimits } from '../pipeline/lanes.js'
import { parseModelRef } from '../providers/registry.js'
import { MODEL_KINDS, type ModelKind } from '../providers/types.js'
import { loadSpec } from '../spec/load-spec.js'
import type { ResolvedSpec } from '../spec/types.js'
import type { ScenarioName } from './bench-json.js'
import { editOneShot } from './edit-shot.js'
import type { LanesByKind } from './lane-bound.js'
import { createRenderReuse } from './render-reuse.js'
import { planFromStoryboard, soundOf, type BenchPlan, type Latencies } from './plan.js'
import { runScenario, type ModelSource, type ScenarioRun } from './run-scenario.js'

export interface SpecBenchInput {
  readonly spec: ResolvedSpec
  readonly source: ModelSource
  readonly runs: number
  /** Lane concurrencies above 1, each a cold scenario. */
  readonly concurrency: readonly number[]
  /** Run the serial scenario (every lane at concurrency 1): --concurrency lists 1. */
  readonly serial: boolean
  /** Temp folders for caches and outputs go here; each is removed when its scenario is done. */
  readonly tmpRoot: string
  readonly warn: (message: string) => void
  /** One line per finished run, for a person watching. */
  readonly progress: (message: string) => void
  readonly stop?: AbortSignal | undefined
  /** Offline: render each frame and clip once, untimed, and reuse the renders in the timed runs. */
  readonly reuseRenders?: { readonly latency: Latencies }
}

export interface ScenarioRuns {
  readonly name: ScenarioName
  readonly lanes: number | 'configured'
  /** Each kind's lane limits in this scenario, for the lane-aware bound. */
  readonly limits: LanesByKind
  readonly runs: ScenarioRun[]
}

export interface SpecBench {
  readonly spec: ResolvedSpec
  readonly plan: BenchPlan
  readonly editedShot: string
  readonly scenarios: readonly ScenarioRuns[]
}

/**
 * Every scenario of one spec, each in its own temporary cache and output folder: cold, then warm
 * and edit-one-shot on the cold run's cache; serial (when asked for) and each concurrency from an
 * empty cache.
 */
export async function benchSpec(input: SpecBenchInput): Promise<SpecBench> {
  const { spec } = input
  const scenario = (name: ScenarioName, lanes: number | 'configured'): ScenarioRuns => ({ name, lanes, limits: lanesByKind(input.source, lanes), runs: [] })
  const cold = scenario('cold', 'configured')
  const warm = scenario('warm', 'configured')
  const edit = scenario('edit', 'configured')
  const serial = scenario('serial', 1)
  const concurrent = input.concurrency.map((n) => scenario(`concurrent-${n}`, n))
  let plan: BenchPlan | undefined
  let editedShot = ''
  const source = input.reuseRenders ? await reusingRenders(input, input.reuseRenders.latency) : input.source

  const run = async (into: ScenarioRuns, runSpec: ResolvedSpec, dir: string, label: string) => {
    const result = await runScenario({
      spec: runSpec,
      source,
      concurrency: into.lanes === 'configured' ? undefined : into.lanes,
      cacheDir: path.join(dir, 'cache'),
      outDir: path.join(dir, label),
      warn: input.warn,
      stop: input.stop,
    })
    into.runs.push(result)
    input.progress(`${spec.name}: ${into.name} ${into.runs.length}/${input.runs} ${(result.wallMs / 1000).toFixed(2)} s`)
    return result
  }

  for (let index = 0; index < input.runs; index++) {
    await inTempDir(input.tmpRoot, async (dir) => {
      const coldRun = await run(cold, spec, dir, 'cold')
      const storyboardFile = path.join(coldRun.outDir, 'storyboard.json')
      plan ??= planFromStoryboard(JSON.parse(await readFile(storyboardFile, 'utf8')), { entry: spec.source.kind, castCall: coldRun.castCall, ...soundOf(spec) })
      await run(warm, spec, dir, 'warm')
      // An idea or a script is edited through the storyboard it produced, as a person would.
      const edited = editOneShot(spec.source.kind === 'storyboard' ? spec : await loadSpec(storyboardFile))
      editedShot = edited.shotId
      await run(edit, edited.spec, dir, 'edit')
    })
    if (input.serial) await inTempDir(input.tmpRoot, (dir) => run(serial, spec, dir, 'serial'))
    for (const into of concurrent) await inTempDir(input.tmpRoot, (dir) => run(into, spec, dir, into.name))
  }
  return { spec, plan: plan!, editedShot, scenarios: [cold, warm, ...(input.serial ? [serial] : []), ...concurrent, edit] }
}

/**
 * The source with renders reused (see render-reuse.ts), after one untimed run that makes them —
 * including the edited shot's clip, which an edit run would otherwise render in its timed run.
 */
async function reusingRenders(input: SpecBenchInput, latency: Latencies): Promise<ModelSource> {
  const reuse = createRenderReuse({
    dir: await mkdtemp(path.join(input.tmpRoot, 'renders-')),
    imageLatencyMs: latency.image,
    speechLatencyMs: latency.speech,
    musicLatencyMs: latency.music,
  })
  const open: ModelSource['open'] = async (workDir, options) => {
    const opened = await input.source.open(workDir, options)
    return { models: await reuse.wrap(opened.models, workDir), close: opened.close }
  }
  const source = { ...input.source, open }
  const instant = { ...source, open: (workDir: string) => open(workDir, { instant: true }) }
  await inTempDir(input.tmpRoot, async (dir) => {
    const prime = (spec: ResolvedSpec, label: string) =>
      runScenario({ spec, source: instant, concurrency: undefined, cacheDir: path.join(dir, 'cache'), outDir: path.join(dir, label), warn: input.warn, stop: input.stop })
    const first = await prime(input.spec, 'render')
    const board = input.spec.source.kind === 'storyboard' ? input.spec : await loadSpec(path.join(first.outDir, 'storyboard.json'))
    await prime(editOneShot(board).spec, 'render-edit')
    input.progress(`${input.spec.name}: rendered the offline frames and clips once (untimed, ${(first.wallMs / 1000).toFixed(2)} s)`)
  })
  return source
}

/** The limits of the lane each kind's model runs in (`provider:kind`), as generate() will apply them. */
export function lanesByKind(source: Pick<ModelSource, 'modelRefs' | 'laneLimits'>, lanes: number | 'configured'): LanesByKind {
  const limitsFor = source.laneLimits(lanes === 'configured' ? undefined : lanes)
  return Object.fromEntries(MODEL_KINDS.map((kind) => [kind, limitsFor(parseModelRef(source.modelRefs[kind]).providerId, kind)])) as Record<ModelKind, LaneLimits>
}

async function inTempDir<T>(root: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(root, 'scenario-'))
  try {
    return await work(dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
