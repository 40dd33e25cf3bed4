import { readFile, mkdtemp, rm } from 'node:fs/promises'
import path from 'node:path'
import { loadSpec } from '../spec/load-spec.js'
import type { ResolvedSpec } from '../spec/types.js'
import type { ScenarioName } from './bench-json.js'
import { editOneShot } from './edit-shot.js'
import { createRenderReuse } from './render-reuse.js'
import { planFromStoryboard, soundOf, type BenchPlan } from './plan.js'
import { runScenario, type ModelSource, type ScenarioRun } from './run-scenario.js'

export interface SpecBenchInput {
  readonly spec: ResolvedSpec
  readonly source: ModelSource
  readonly runs: number
  /** Lane concurrencies above 1, each a cold scenario (1 is the serial scenario). */
  readonly concurrency: readonly number[]
  /** Temp folders for caches and outputs go here; each is removed when its scenario is done. */
  readonly tmpRoot: string
  readonly warn: (message: string) => void
  /** One line per finished run, for a person watching. */
  readonly progress: (message: string) => void
  readonly stop?: AbortSignal | undefined
  /** Offline: render each frame and clip once, untimed, and reuse the renders in the timed runs. */
  readonly reuseRenders?: { readonly imageLatencyMs: number }
}

export interface ScenarioRuns {
  readonly name: ScenarioName
  readonly lanes: number | 'configured'
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
 * and edit-one-shot on the cold run's cache; serial and each concurrency from an empty cache.
 */
export async function benchSpec(input: SpecBenchInput): Promise<SpecBench> {
  const { spec } = input
  const scenario = (name: ScenarioName, lanes: number | 'configured'): ScenarioRuns => ({ name, lanes, runs: [] })
  const cold = scenario('cold', 'configured')
  const warm = scenario('warm', 'configured')
  const edit = scenario('edit', 'configured')
  const serial = scenario('serial', 1)
  const concurrent = input.concurrency.map((n) => scenario(`concurrent-${n}`, n))
  let plan: BenchPlan | undefined
  let editedShot = ''
  const source = input.reuseRenders ? await reusingRenders(input, input.reuseRenders.imageLatencyMs) : input.source

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
    await inTempDir(input.tmpRoot, (dir) => run(serial, spec, dir, 'serial'))
    for (const into of concurrent) await inTempDir(input.tmpRoot, (dir) => run(into, spec, dir, into.name))
  }
  return { spec, plan: plan!, editedShot, scenarios: [cold, warm, serial, ...concurrent, edit] }
}

/**
 * The source with renders reused (see render-reuse.ts), after one untimed run that makes them —
 * including the edited shot's clip, which an edit run would otherwise render in its timed run.
 */
async function reusingRenders(input: SpecBenchInput, imageLatencyMs: number): Promise<ModelSource> {
  const reuse = createRenderReuse({ dir: await mkdtemp(path.join(input.tmpRoot, 'renders-')), imageLatencyMs })
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

async function inTempDir<T>(root: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(root, 'scenario-'))
  try {
    return await work(dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
