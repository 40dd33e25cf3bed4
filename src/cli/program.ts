import { Argument, Command, InvalidArgumentError, Option } from 'commander'
import type { BenchFlags } from '../bench/bench-options.js'
import { commandTree } from './command-tree.js'
import type { RunsFlags } from './commands/runs.js'
import { addHelpExamples } from './help-examples.js'
import type { CliIo } from './io.js'

export interface ProgramHooks {
  readonly io: CliIo
  readonly version: string
  /** Commands report their exit code here; main owns the process. */
  readonly setExitCode: (code: number) => void
}

/** The command table. Each command's module loads only when it runs, so `--version` stays fast. */
export function buildProgram({ io, version, setExitCode }: ProgramHooks): Command {
  const program = new Command('vimax')
    .description('Idea → finished film: a crew of agents over chat, image and video models, cached, assembled with ffmpeg.')
    .version(version, '-V, --version', 'print the version')
    .option('--debug', 'print stacks and causes of errors')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })

  program
    .command('generate')
    .description('run the crew on a spec and assemble the film')
    .argument('<spec>', 'a YAML spec (idea, script or storyboard) or a storyboard .json')
    .option('-o, --output <dir>', 'output folder (default: vimax-out/<spec name>)')
    .option('--concurrency <n>', 'calls in flight per provider lane', positiveInteger)
    .option('--offline', 'use the built-in offline provider for every model')
    .option('--profile <name>', 'models from a profile in the config (offline, google, openai, openrouter, fal, or your own)')
    .option('--json', 'print one machine-readable summary on stdout')
    .option('--quiet', 'no progress output')
    .option('--burn-subtitles', 'burn the dialogue into the picture as well as writing film.srt')
    .addOption(new Option('--reroll <shot id>', 'give a shot a new take (repeatable)').argParser(collect).default([]))
    .option('--no-cache', 'do not serve cached results (new results are still cached)')
    .option('--cache-dir <dir>', 'cache folder (default: $VIMAX_CACHE_DIR, cache.dir in the config, or ~/.cache/vimax)')
    .option('--log-file <file>', 'append one line per HTTP request (secrets redacted)')
    .addOption(new Option('--log-format <format>', 'format of --log-file lines').choices(['json', 'text']).default('json'))
    .option('--dry-run', 'print the calls, cache hits, cost and time it would take; makes only the (cached) chat calls')
    .addOption(new Option('--stop-after <stage>', 'stop after this stage, to review before paying for the rest').choices(['script', 'storyboard', 'frames']))
    .option('--max-cost <usd>', 'do not start a call that would take the run over this many USD (exit 5)', positiveNumber)
    .option('--metrics-file <file>', 'write the run\'s metrics in the Prometheus text format (node_exporter textfile collector)')
    .action(async (spec: string, options: GenerateFlags) => {
      const { generateCommand } = await import('./commands/generate.js')
      setExitCode(await generateCommand(spec, { ...options, debug: Boolean(program.opts().debug) }, io))
    })

  const cache = program.command('cache').description('the local cache of responses and media')
  cache
    .command('stats')
    .description('entries and bytes per kind, hit rate over recent runs, calls saved')
    .option('--json', 'machine-readable output')
    .option('--cache-dir <dir>', 'cache folder (default: $VIMAX_CACHE_DIR, cache.dir in the config, or ~/.cache/vimax)')
    .action(async (options: { json?: boolean; cacheDir?: string }) => {
      const { cacheStatsCommand } = await import('./commands/cache-stats.js')
      setExitCode(await cacheStatsCommand({ ...options, cacheDir: await cacheDirOf(options, io), backend: await recordBackendOf(io) }, io))
    })
  cache
    .command('prune')
    .description('delete expired and least-recently-used results, orphan blobs and half-written files')
    .option('--older-than <age>', 'results not used for this long, e.g. 30d, 12h')
    .option('--max-size <size>', 'then shrink the cache below this size, e.g. 5GB, 500MB')
    .option('--dry-run', 'print the plan, delete nothing')
    .option('--json', 'machine-readable output')
    .option('--cache-dir <dir>', 'cache folder (default: $VIMAX_CACHE_DIR, cache.dir in the config, or ~/.cache/vimax)')
    .action(async (options: { olderThan?: string; maxSize?: string; dryRun?: boolean; json?: boolean; cacheDir?: string }) => {
      const { cachePruneCommand } = await import('./commands/cache-prune.js')
      setExitCode(await cachePruneCommand({ ...options, cacheDir: await cacheDirOf(options, io), backend: await recordBackendOf(io) }, io))
    })
  cache
    .command('clear')
    .description('delete cached results (in-flight video jobs are kept)')
    .option('--kind <kind>', 'only chat, image, video, speech or music')
    .option('--yes', 'do not ask for confirmation')
    .option('--json', 'machine-readable output')
    .option('--cache-dir <dir>', 'cache folder (default: $VIMAX_CACHE_DIR, cache.dir in the config, or ~/.cache/vimax)')
    .action(async (options: { kind?: string; yes?: boolean; json?: boolean; cacheDir?: string }) => {
      const [{ cacheClearCommand }, { confirmOnTty }] = await Promise.all([import('./commands/cache-clear.js'), import('./confirm.js')])
      setExitCode(await cacheClearCommand({ ...options, cacheDir: await cacheDirOf(options, io), backend: await recordBackendOf(io) }, io, { confirm: confirmOnTty() }))
    })

  cache
    .command('verify')
    .description('check the record store, the ledger and every blob for damage (exit 4 if any)')
    .option('--thorough', "SQLite's complete integrity_check instead of quick_check")
    .option('--json', 'machine-readable output')
    .option('--cache-dir <dir>', 'cache folder (default: $VIMAX_CACHE_DIR, cache.dir in the config, or ~/.cache/vimax)')
    .action(async (options: { thorough?: boolean; json?: boolean; cacheDir?: string }) => {
      const { cacheVerifyCommand } = await import('./commands/cache-verify.js')
      setExitCode(await cacheVerifyCommand({ ...options, cacheDir: await cacheDirOf(options, io), backend: await recordBackendOf(io) }, io))
    })
  cache
    .command('path')
    .description('print the cache folder and the ledger file runs from here use')
    .option('--json', 'machine-readable output: {"cache_dir", "ledger"}')
    .option('--cache-dir <dir>', 'cache folder (default: $VIMAX_CACHE_DIR, cache.dir in the config, or ~/.cache/vimax)')
    .action(async (options: { json?: boolean; cacheDir?: string }) => {
      const { cachePathCommand } = await import('./commands/cache-path.js')
      setExitCode(await cachePathCommand(options, io))
    })

  const runs = program
    .command('runs')
    .description('recent runs from the ledger')
    .option('--limit <n>', 'how many', positiveInteger)
    .addOption(new Option('--status <status>', 'only runs with this status').choices(['running', 'complete', 'failed', 'interrupted']))
    .option('--spec <file>', 'only runs of this spec (a path, or just its file name)')
    .option('--since <when>', 'only runs started since a date (2026-01-31), a date and time, or a span ago (7d, 12h)')
    .option('--json', 'machine-readable output')
    .option('--cache-dir <dir>', 'cache folder (default: $VIMAX_CACHE_DIR, cache.dir in the config, or ~/.cache/vimax)')
    .action(async (options: Omit<RunsFlags, 'cacheDir'> & { cacheDir?: string }) => {
      const { runsCommand } = await import('./commands/runs.js')
      setExitCode(await runsCommand({ ...options, cacheDir: await cacheDirOf(options, io) }, io))
    })
  runs
    .command('show')
    .description('one run with its calls')
    .argument('<id>', 'a run id (a unique prefix is enough)')
    .option('--json', 'machine-readable output')
    .option('--cache-dir <dir>', 'cache folder (default: $VIMAX_CACHE_DIR, cache.dir in the config, or ~/.cache/vimax)')
    .action(async (id: string, options: { json?: boolean; cacheDir?: string }) => {
      const { runsShowCommand } = await import('./commands/runs.js')
      // `runs` and `runs show` both take --json and --cache-dir: commander gives them to whichever
      // command the flag follows, so either place counts.
      const flags = { ...runs.opts(), ...options }
      setExitCode(await runsShowCommand(id, { ...flags, cacheDir: await cacheDirOf(flags, io) }, io))
    })
  runs
    .command('rm')
    .description('delete runs and their calls from the ledger (never the cache)')
    .argument('[ids...]', 'run ids (a unique prefix is enough)')
    .option('--before <when>', 'every run started before a date (2026-01-31), a date and time, or a span ago (30d); running ones are kept')
    .option('--yes', 'do not ask for confirmation')
    .option('--json', 'machine-readable output')
    .option('--cache-dir <dir>', 'cache folder (default: $VIMAX_CACHE_DIR, cache.dir in the config, or ~/.cache/vimax)')
    .action(async (ids: string[], options: { before?: string; yes?: boolean; json?: boolean; cacheDir?: string }) => {
      const [{ runsRmCommand }, { confirmOnTty }] = await Promise.all([import('./commands/runs-rm.js'), import('./confirm.js')])
      const flags = { ...runs.opts(), ...options }
      setExitCode(await runsRmCommand(ids, { ...flags, cacheDir: await cacheDirOf(flags, io) }, io, { confirm: confirmOnTty() }))
    })

  program
    .command('report')
    .description('rebuild report.html for a run (its id, or its output folder)')
    .argument('<run>', 'a run id (a unique prefix is enough) or an output folder')
    .option('--cache-dir <dir>', 'cache folder (default: $VIMAX_CACHE_DIR, cache.dir in the config, or ~/.cache/vimax)')
    .option('--json', 'machine-readable output')
    .action(async (run: string, options: { cacheDir?: string; json?: boolean }) => {
      const { reportCommand } = await import('./commands/report.js')
      setExitCode(await reportCommand(run, { ...options, cacheDir: await cacheDirOf(options, io) }, io))
    })

  const batch = program
    .command('batch')
    .description('queue films for `vimax worker` on the Redis of cache.store or REDIS_URL (`batch status` to follow)')
    .argument('<spec...>', 'specs to queue, checked first: nothing is queued if any is wrong')
    .option('-o, --output <dir|s3://bucket/prefix>', 'where the films go, one folder per spec (default: vimax-out)')
    .option('--profile <name>', 'models from a profile in the workers\' config')
    .option('--json', 'machine-readable output')
    .action(async (specs: string[], options: { output?: string; profile?: string; json?: boolean }) => {
      const { batchCommand } = await import('./commands/batch.js')
      setExitCode(await batchCommand(specs, options, io))
    })
  batch
    .command('status')
    .description('films queued, active, done and failed, with each film\'s output and worker')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const { batchStatusCommand } = await import('./commands/batch-status.js')
      setExitCode(await batchStatusCommand({ json: Boolean(options.json ?? batch.opts().json) }, io))
    })

  program
    .command('worker')
    .description('make queued films (`vimax batch`), each as `vimax generate` would, until stopped')
    .option('--concurrency <n>', 'films made at once by this process (default: 1)', positiveInteger)
    .option('--until-empty', 'exit 0 once nothing is queued or being made')
    .option('--quiet', 'only one line per film')
    .option('--json', 'one JSON object per film started, done, failed or put back, on stdout')
    .option('--cache-dir <dir>', 'cache folder (default: $VIMAX_CACHE_DIR, cache.dir in the config, or ~/.cache/vimax)')
    .action(async (options: { concurrency?: number; untilEmpty?: boolean; quiet?: boolean; json?: boolean; cacheDir?: string }) => {
      const { workerCommand } = await import('./commands/worker.js')
      setExitCode(await workerCommand(options, io))
    })

  program
    .command('doctor')
    .description('check what a profile needs: keys, hosts, ffmpeg, cache')
    .argument('[spec]', 'take the models from this spec as well')
    .option('--profile <name>', 'the profile to check (default: VIMAX_PROFILE or the config)')
    .option('--offline', 'check the offline provider only')
    .option('--cache-dir <dir>', 'cache folder (default: $VIMAX_CACHE_DIR, cache.dir in the config, or ~/.cache/vimax)')
    .option('--json', 'machine-readable output')
    .action(async (spec: string | undefined, options: { profile?: string; offline?: boolean; cacheDir?: string; json?: boolean }) => {
      const { doctorCommand } = await import('./commands/doctor.js')
      setExitCode(await doctorCommand({ ...options, ...(spec && { spec }) }, io))
    })

  program
    .command('bench')
    .description('time cold, warm, serial, concurrent and edit-one-shot runs against the critical path and a ViMax schedule model')
    .argument('[spec...]', 'specs to run (default: the three examples)')
    .option('--runs <n>', 'runs of each scenario (default: 1)')
    .option('--latency <list>', 'simulated latency per call (default: chat=2s,image=8s,video=60s,speech=2s,music=30s)')
    .option('--time-scale <x>', 'multiplies the simulated latencies (default: 0.02)')
    .option('--concurrency <list>', 'lane concurrencies to run cold; 1 is the serial scenario (default: 1,4,16)')
    .option('--shots <list>', 'also run a synthetic storyboard of each size, e.g. 500 or 100,500 (alone: instead of the examples)')
    .option('--real', 'use the configured providers instead of the offline one (spends money)')
    .option('--yes', 'with --real: make the paid calls it announces')
    .option('--json', 'print the result as one JSON object')
    .option('--save <file>', 'write the result as JSON, for a later --baseline')
    .option('--baseline <file>', 'compare with a saved result; exit 1 if a figure regressed')
    .option('--max-regression <pct>', 'with --baseline: the slowdown tolerated (default: 10%)')
    .option('--chart <file>', 'write an SVG chart of the result')
    .option('--vimax-constants <list>', 'ViMax calls we do not make, for its model: depth=,selectors=,planning= (default: all 0)')
    .option('--render-cost', "time the offline provider's own rendering too (by default it renders once, untimed)")
    .action(async (specs: string[], options: BenchFlags) => {
      const { benchCommand } = await import('./commands/bench.js')
      setExitCode(await benchCommand(specs, options, io))
    })

  program
    .command('schema')
    .description('print the JSON Schema of the spec, for editor autocompletion')
    .action(async () => {
      const { schemaCommand } = await import('./commands/schema.js')
      setExitCode(await schemaCommand(io))
    })

  program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish)')
    .addArgument(new Argument('<shell>', 'the shell to complete for').choices(['bash', 'zsh', 'fish']))
    .action(async (shell: string) => {
      const { completionCommand } = await import('./commands/completion.js')
      setExitCode(await completionCommand(shell, program, io))
    })

  addHelpExamples(program)
  // Every command, however deep, hands its usage errors to main (exit 2) instead of exiting 1.
  for (const { command } of commandTree(program)) command.exitOverride()
  return program
}

/** Loaded when a command runs: finding the cache may read the config. */
async function cacheDirOf(options: { cacheDir?: string }, io: CliIo): Promise<string> {
  const { cacheDirFor } = await import('./cache-location.js')
  return cacheDirFor(options.cacheDir, io)
}

async function recordBackendOf(io: CliIo) {
  const { recordBackendOf: resolve } = await import('./cache-location.js')
  return resolve(io)
}

export interface GenerateFlags {
  readonly output?: string
  readonly concurrency?: number
  readonly offline?: boolean
  readonly profile?: string
  readonly logFile?: string
  readonly logFormat?: 'json' | 'text'
  readonly json?: boolean
  readonly quiet?: boolean
  readonly burnSubtitles?: boolean
  readonly reroll: readonly string[]
  /** commander's negation: false when --no-cache is given. */
  readonly cache: boolean
  readonly cacheDir?: string
  readonly debug?: boolean
  readonly dryRun?: boolean
  readonly stopAfter?: 'script' | 'storyboard' | 'frames'
  readonly maxCost?: number
  readonly metricsFile?: string
}

export function positiveInteger(value: string): number {
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError(`expected an integer ≥ 1, got "${value}"`)
  return parsed
}

export function positiveNumber(value: string): number {
  const parsed = Number(value.replace(/^\$/, ''))
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError(`expected an amount in USD above 0, such as 5 or 0.50, got "${value}"`)
  return parsed
}

function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value]
}
