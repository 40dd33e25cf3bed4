import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { compareWithBaseline, COMPARED_FIGURES } from '../../bench/baseline.js'
import type { BenchJson } from '../../bench/bench-json.js'
import { parseBenchFlags, type BenchFlags, type BenchSettings } from '../../bench/bench-options.js'
import { benchChart } from '../../bench/chart-svg.js'
import { estimateReal } from '../../bench/estimate-real.js'
import { formatBench } from '../../bench/format-bench.js'
import { runBench, scaleLatencies } from '../../bench/run-bench.js'
import { syntheticBoard } from '../../bench/synthetic-board.js'
import type { ModelSource } from '../../bench/run-scenario.js'
import { withDotenv } from '../../config/dotenv.js'
import { loadConfig } from '../../config/load-config.js'
import { resolveRunSettings } from '../../config/run-settings.js'
import { CancelledError, ConfigError } from '../../errors.js'
import { MODEL_KINDS } from '../../providers/types.js'
import { loadSpec } from '../../spec/load-spec.js'
import type { ResolvedSpec } from '../../spec/types.js'
import { redactorFromEnv } from '../../run/env-secrets.js'
import { EXIT } from '../exit-code.js'
import { jsonStyle } from '../json-style.js'
import type { CliIo } from '../io.js'
import { openModels } from '../../run/open-models.js'
import { packageVersion } from '../version.js'

/** The examples shipped with the package: one spec per entry point. */
const EXAMPLES = ['lighthouse-idea.yaml', 'night-shift-script.yaml', 'clockwork-storyboard.yaml'].map((name) =>
  fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url)),
)

export async function benchCommand(specPaths: readonly string[], flags: BenchFlags, io: CliIo): Promise<number> {
  const settings = parseBenchFlags(flags)
  const env = withDotenv(io.env, io.cwd)
  const config = loadConfig({ cwd: io.cwd, env })
  const baseline = flags.baseline === undefined ? undefined : readBaseline(path.resolve(io.cwd, flags.baseline))
  const specs: ResolvedSpec[] = []
  const files = specPaths.length > 0 || settings.shots.length > 0 ? specPaths.map((p) => path.resolve(io.cwd, p)) : EXAMPLES
  for (const file of files) specs.push(await loadSpec(file))
  specs.push(...settings.shots.map(syntheticBoard))
  const redactor = redactorFromEnv(env)
  const sourceFor = (offline: boolean, latencyMs?: BenchSettings['latency']) => (spec: ResolvedSpec): ModelSource => {
    const run = resolveRunSettings({ spec, config, env, offline })
    const simulated = latencyMs && scaleLatencies(latencyMs.unscaled, latencyMs.scale)
    return {
      modelRefs: run.modelRefs,
      laneLimits: (concurrency) => (concurrency === undefined ? run.laneLimits : (provider, kind) => ({ ...run.laneLimits(provider, kind), concurrency })),
      open: (workDir, options) =>
        openModels({ settings: run, config, env, redactor, workDir, ...(simulated && !options?.instant && { offline: { latencyMs: simulated } }) }),
    }
  }
  const progress = (message: string) => io.stderr.write(`bench: ${message}\n`)
  const warn = (message: string) => io.stderr.write(`warning: ${message}\n`)

  if (settings.real) await confirmPaidCalls(specs, settings, { config, env, io, warn, offlineSource: sourceFor(true) })

  // The first Ctrl-C stops the runs so the temporary caches and outputs are removed; a second quits.
  const stop = new AbortController()
  const onSignal = () => {
    io.stderr.write('\nbench: stopping after the calls in flight, then removing its temporary folders (Ctrl-C again to quit now)\n')
    stop.abort()
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal)
  }
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal)
  const result = await runBench({
    stop: stop.signal,
    specs,
    sourceFor: sourceFor(!settings.real, settings.latency),
    mode: settings.real ? 'real' : 'offline',
    runs: settings.runs,
    concurrency: settings.concurrency,
    ...(settings.latency && { latency: settings.latency }),
    constants: settings.constants,
    reuseRenders: settings.reuseRenders,
    version: packageVersion(),
    warn,
    progress,
  })
    .catch((error: unknown) => {
      if (!(error instanceof CancelledError)) throw error
      throw new CancelledError('bench interrupted: no result, its temporary caches and outputs are removed', {
        hint: 'a shorter bench: one spec, --time-scale 0.01, fewer --concurrency values',
        cause: error,
      })
    })
    .finally(() => process.off('SIGINT', onSignal).off('SIGTERM', onSignal))

  // The result is built snake_case (bench-json.ts); the house style pass keeps any later field so.
  if (flags.save) writeFileSync(path.resolve(io.cwd, flags.save), `${JSON.stringify(jsonStyle(result), null, 2)}\n`)
  if (flags.chart) writeFileSync(path.resolve(io.cwd, flags.chart), benchChart(result))
  const comparison = baseline && compareWithBaseline(result, baseline, settings.maxRegression)
  if (flags.json) {
    const compared = comparison && { file: flags.baseline, max_regression: settings.maxRegression, compared: COMPARED_FIGURES, ...comparison }
    io.stdout.write(`${JSON.stringify(jsonStyle(compared ? { ...result, comparison: compared } : result))}\n`)
  } else {
    io.stdout.write(`${formatBench(result, { color: Boolean(io.stdout.isTTY) && !('NO_COLOR' in io.env) })}\n`)
  }
  if (!comparison) return EXIT.ok
  for (const note of comparison.notes) io.stderr.write(`note: ${note}\n`)
  for (const line of comparison.regressions) io.stderr.write(`${line}\n`)
  const count = comparison.regressions.length
  const verdict = count === 0 ? 'no regression' : `${count} regression${count === 1 ? '' : 's'}`
  io.stderr.write(`${verdict} beyond ${Math.round(settings.maxRegression * 100)}% against ${flags.baseline} (compared ${COMPARED_FIGURES})\n`)
  return count === 0 ? EXIT.ok : REGRESSED
}

/** `vimax bench --baseline`: a figure got worse beyond the threshold — what a CI gate fails on. */
const REGRESSED = 1

async function confirmPaidCalls(
  specs: readonly ResolvedSpec[],
  settings: BenchSettings,
  context: {
    readonly config: ReturnType<typeof loadConfig>
    readonly env: NodeJS.ProcessEnv
    readonly io: CliIo
    readonly warn: (message: string) => void
    readonly offlineSource: (spec: ResolvedSpec) => ModelSource
  },
): Promise<void> {
  const { config, env, io } = context
  const paidKinds = (spec: ResolvedSpec) => {
    const refs = resolveRunSettings({ spec, config, env }).modelRefs
    return MODEL_KINDS.filter((kind) => !refs[kind].startsWith('offline'))
  }
  if (specs.every((spec) => paidKinds(spec).length === 0)) {
    throw new ConfigError('--real: no paid provider is configured; every model is the offline provider', {
      code: 'E_USAGE',
      hint: 'choose models with a profile (VIMAX_PROFILE, vimax.config.yaml) or in the spec, or drop --real',
    })
  }
  io.stderr.write('bench: planning each spec offline to count the paid calls…\n')
  const estimate = await estimateReal({
    specs,
    offline: context.offlineSource,
    paidKinds,
    runs: settings.runs,
    concurrencyScenarios: settings.concurrency.length,
    warn: context.warn,
  })
  const summary = `--real makes about ${estimate.total} paid provider calls`
  if (!settings.yes) {
    throw new ConfigError(`${summary}; refusing without --yes`, {
      code: 'E_USAGE',
      details: estimate.lines,
      hint: 'add --yes to spend them; --runs 1, fewer --concurrency values or a single spec cost less',
    })
  }
  io.stderr.write(`bench: ${summary}:\n${estimate.lines.map((line) => `  ${line}\n`).join('')}`)
}

function readBaseline(file: string): BenchJson {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (cause) {
    throw new ConfigError(`cannot read the baseline ${file}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      code: 'E_USAGE',
      hint: 'make one with `vimax bench --save <file>`',
      cause,
    })
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { vimax_bench?: unknown }).vimax_bench !== 1 || !Array.isArray((parsed as { specs?: unknown }).specs)) {
    throw new ConfigError(`the baseline ${file} is not a vimax bench result`, { code: 'E_USAGE', hint: 'make one with `vimax bench --save <file>`' })
  }
  return parsed as BenchJson
}
