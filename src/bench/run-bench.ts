import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { MODEL_KINDS, type ModelKind } from '../providers/types.js'
import type { ResolvedSpec } from '../spec/types.js'
import { BENCH_JSON_VERSION, type BenchJson, type SpecJson } from './bench-json.js'
import { benchSpec } from './bench-spec.js'
import { REFERENCE_LIMIT } from './critical-path.js'
import type { Latencies } from './plan.js'
import type { ModelSource } from './run-scenario.js'
import { specFigures } from './spec-figures.js'
import { checkTargets } from './targets.js'
import { VIMAX_FORMULA, type VimaxConstants } from './vimax-model.js'

export interface BenchOptions {
  readonly specs: readonly ResolvedSpec[]
  /** Models and lanes for a spec (a spec may name its own models when they are real). */
  readonly sourceFor: (spec: ResolvedSpec) => ModelSource
  readonly mode: 'offline' | 'real'
  readonly runs: number
  /** Lane concurrencies to run cold; 1 is the serial scenario. */
  readonly concurrency: readonly number[]
  /** Offline: the latencies as given and the scale applied to them; the source simulates the product. */
  readonly latency?: { readonly unscaled: Latencies; readonly scale: number }
  /** Offline: render each frame and clip once, untimed, and reuse the renders (see render-reuse.ts). */
  readonly reuseRenders: boolean
  readonly constants: VimaxConstants
  readonly version: string
  readonly warn: (message: string) => void
  readonly progress: (message: string) => void
  /** Stops the bench between calls (Ctrl-C); its temporary folders are still removed. */
  readonly stop?: AbortSignal
}

export const CRITICAL_PATH_RULE =
  `writing (idea: story → script; script: structure) → cast (when a call) → per scene its storyboard → its lines (all at once) → ` +
  `per shot its characters' portraits, asked for by the first shot showing them (front → side; front only with ≥ ${REFERENCE_LIMIT} references) → frame → clip; ` +
  `the music bed once every scene's lines are spoken; assembly out. The bound is this, or the busiest lane's load when longer ` +
  `(earliest start + ⌈calls ÷ concurrency⌉ × latency + what must follow)`

/** Runs every spec's scenarios one after another (so they never compete for the CPU) and collects the figures. */
export async function runBench(options: BenchOptions): Promise<BenchJson> {
  const started = performance.now()
  const startedAt = new Date().toISOString()
  const simulated = options.latency && scaleLatencies(options.latency.unscaled, options.latency.scale)
  const tmpRoot = await mkdtemp(path.join(os.tmpdir(), 'vimax-bench-'))
  const specs: SpecJson[] = []
  try {
    for (const spec of options.specs) {
      const bench = await benchSpec({
        spec,
        source: options.sourceFor(spec),
        runs: options.runs,
        concurrency: options.concurrency.filter((n) => n > 1),
        serial: options.concurrency.includes(1),
        tmpRoot,
        warn: options.warn,
        progress: options.progress,
        stop: options.stop,
        ...(simulated && options.reuseRenders && { reuseRenders: { latency: simulated } }),
      })
      specs.push(specFigures(bench, simulated, options.constants))
    }
  } finally {
    await rm(tmpRoot, { recursive: true, force: true })
  }
  const cpus = os.cpus()
  return {
    vimax_bench: BENCH_JSON_VERSION,
    vimax_version: options.version,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus.length,
    cpu_model: cpus[0]?.model.trim() ?? 'unknown',
    started_at: startedAt,
    duration_ms: Math.round(performance.now() - started),
    mode: options.mode,
    models: options.specs[0] ? options.sourceFor(options.specs[0]).modelRefs : { chat: '', image: '', video: '', speech: '', music: '' },
    runs: options.runs,
    latency_unscaled_ms: options.latency?.unscaled ?? null,
    time_scale: options.latency?.scale ?? null,
    simulated_latency_ms: simulated ?? null,
    reused_renders: Boolean(simulated && options.reuseRenders),
    concurrency: [...options.concurrency],
    critical_path_rule: CRITICAL_PATH_RULE,
    vimax_model_formula: VIMAX_FORMULA,
    vimax_model_constants: {
      camera_tree_depth: options.constants.cameraTreeDepth,
      selector_calls_per_frame: options.constants.selectorCallsPerFrame,
      planning_calls_per_scene: options.constants.planningCallsPerScene,
    },
    specs,
    targets: checkTargets(specs),
  }
}

export function scaleLatencies(latencies: Latencies, scale: number): Latencies {
  return Object.fromEntries(MODEL_KINDS.map((kind) => [kind, Math.round(latencies[kind] * scale)])) as Record<ModelKind, number>
}
