import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { estimatePlanTime, typicalLatencyMs } from '../../bench/plan-time.js'
import { cachePaths, resolveCacheDir } from '../../cache/cache-dir.js'
import { openCache } from '../../cache/open-cache.js'
import { pruneCache } from '../../cache/prune-cache.js'
import { parseSize } from '../../cache/size-units.js'
import { withDotenv } from '../../config/dotenv.js'
import { loadConfig } from '../../config/load-config.js'
import { parseLatencies } from '../../config/parse-duration.js'
import { resolveRunSettings } from '../../config/run-settings.js'
import { priceBookFromConfig } from '../../cost/price-book-from-config.js'
import { CancelledError, isVimaxError } from '../../errors.js'
import { ledgerListener } from '../../ledger/ledger-listener.js'
import { openLedger } from '../../ledger/open-ledger.js'
import { createRunMetrics } from '../../metrics/run-metrics.js'
import { writeMetricsFile } from '../../metrics/write-metrics-file.js'
import { checkPriced, createBudget } from '../../pipeline/budget.js'
import { generate } from '../../pipeline/generate.js'
import { placeholderImageModel, placeholderVideoModel } from '../../pipeline/placeholder-models.js'
import { collectPlan } from '../../pipeline/run-plan.js'
import { createReportWriter } from '../../report/report-writer.js'
import { loadSpec } from '../../spec/load-spec.js'
import { redactorFromEnv } from '../env-secrets.js'
import type { CliIo } from '../io.js'
import { handleInterrupts } from '../interrupts.js'
import { openModels } from '../open-models.js'
import { planJson, printPlan, withinBudget, type PlanView } from '../print-plan.js'
import { printSummary, summaryJson } from '../print-summary.js'
import type { GenerateFlags } from '../program.js'
import { chooseReporter } from '../reporters/choose-reporter.js'
import { createRequestLog } from '../request-log-file.js'

export async function generateCommand(specPath: string, flags: GenerateFlags, io: CliIo): Promise<number> {
  const env = withDotenv(io.env, io.cwd)
  const spec = await loadSpec(path.resolve(io.cwd, specPath))
  const config = loadConfig({ cwd: io.cwd, env })
  const settings = resolveRunSettings({ spec, config, env, offline: flags.offline, profile: flags.profile, concurrency: flags.concurrency })
  const maxCacheBytes = config.cache?.max_size ? parseSize(config.cache.max_size, 'cache.max_size') : undefined
  const outDir = path.resolve(io.cwd, flags.output ?? path.join('vimax-out', spec.name))
  const cacheDir = resolveCacheDir({ flag: flags.cacheDir, env: { VIMAX_CACHE_DIR: config.cache?.dir, ...env }, cwd: io.cwd })
  const prices = priceBookFromConfig(config)
  const maxCost = flags.maxCost ?? config.budget?.max_cost
  const dryRun = Boolean(flags.dryRun)
  const reporter = chooseReporter(io, flags)
  const warn = (message: string) => reporter.warn(message)
  if (settings.offlineFallback.length > 0 && !flags.offline) {
    reporter.info(`using the offline provider for ${settings.offlineFallback.join(', ')} (no provider configured): the film is an animatic; see README "Providers"`)
  }
  const redactor = redactorFromEnv(env)
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'vimax-run-'))
  const cache = await openCache({ cacheDir, warn, read: flags.cache, scratchDir: workDir })
  const ledger = openLedger(cachePaths(cacheDir).ledger, { warn })
  const startedAt = Date.now()
  const runId = ledger.startRun({ specPath: spec.path, specSha256: spec.digest, outputDir: dryRun ? undefined : outDir })
  const record = ledgerListener(ledger, runId)
  const plan = dryRun ? collectPlan(spec.source.kind) : undefined
  const metrics = flags.metricsFile ? createRunMetrics() : undefined
  const report = dryRun
    ? undefined
    : createReportWriter({ outDir, runId, specPath: spec.path, title: spec.title ?? spec.name, models: settings.modelRefs, startedAt, warn })
  const stop = new AbortController()
  const dispose = handleInterrupts(io, () => stop.abort())
  let closeModels = async () => undefined as void
  const writeMetrics = async (status: string) => {
    if (!metrics || !flags.metricsFile) return
    const text = metrics.render({ status, wallMs: Date.now() - startedAt, finishedAt: Date.now(), spec: spec.name })
    await writeMetricsFile(path.resolve(io.cwd, flags.metricsFile), text).catch((error: unknown) => warn(`cannot write --metrics-file: ${String(error)}`))
  }
  try {
    const log = flags.logFile ? createRequestLog({ file: path.resolve(io.cwd, flags.logFile), format: flags.logFormat ?? 'json', runId, redactor }) : undefined
    const latencyMs = env.VIMAX_OFFLINE_LATENCY ? parseLatencies(env.VIMAX_OFFLINE_LATENCY, 'VIMAX_OFFLINE_LATENCY') : undefined
    const opened = await openModels({ settings, config, env, redactor, workDir, log, ...(latencyMs && { offline: { latencyMs } }) })
    closeModels = opened.close
    const { models } = opened
    if (maxCost !== undefined && !dryRun) checkPriced([models.chat, models.image, models.video], prices.knows, maxCost)
    const result = await generate({
      spec,
      // A dry run makes the cheap chat calls for real (cached) and plans the rest with stand-ins.
      models: dryRun ? { ...models, image: placeholderImageModel(models.image), video: placeholderVideoModel(models.video) } : models,
      modelRefs: settings.modelRefs,
      outDir: dryRun ? path.join(workDir, 'plan') : outDir,
      previousDir: outDir,
      laneLimits: settings.laneLimits,
      emit: (event) => {
        reporter.event(event)
        if (event.type === 'call:end' && event.planned === true) return plan?.observe(event)
        record(event)
        plan?.observe(event)
        report?.event(event)
        metrics?.observe(event)
      },
      stop: stop.signal,
      rerolls: flags.reroll,
      burnSubtitles: flags.burnSubtitles,
      layer: cache.layer,
      memo: cache.memo,
      workDir,
      prices,
      ...(maxCost !== undefined && !dryRun && { budget: createBudget(maxCost) }),
      // A dry run plans as far as the real run would go: with --stop-after, only that far.
      until: flags.stopAfter ?? (dryRun ? 'clips' : 'film'),
      runId,
    })
    ledger.finishRun(runId, { status: 'complete', ...(dryRun ? { stoppedAfter: 'plan' } : result.stoppedAfter && { stoppedAfter: result.stoppedAfter }) })
    await report?.finish({ status: result.stoppedAfter ? 'stopped' : 'complete' })
    await writeMetrics(result.stoppedAfter ? 'stopped' : 'complete')
    if (maxCacheBytes !== undefined) await pruneCache({ cacheDir, maxBytes: maxCacheBytes, now: Date.now(), warn })
    reporter.close()
    if (plan) return showPlan(io, flags, { specPath: spec.path, plan: plan.plan(), maxCostUsd: maxCost, runId, ledger, settings })
    if (flags.json) io.stdout.write(`${JSON.stringify({ ...summaryJson(result, settings.modelRefs), report: path.join(outDir, 'report.html'), run_id: runId })}\n`)
    else printSummary(io, result, { quiet: Boolean(flags.quiet), color: Boolean(io.stdout.isTTY) && !('NO_COLOR' in io.env) })
    return 0
  } catch (error) {
    const status = error instanceof CancelledError ? 'interrupted' : 'failed'
    ledger.finishRun(runId, { status, errorCode: isVimaxError(error) ? error.code : 'E_INTERNAL' })
    await report?.finish({ status, error: isVimaxError(error) ? { code: error.code, message: error.message } : { code: 'E_INTERNAL', message: String(error) } })
    await writeMetrics(status)
    throw error
  } finally {
    reporter.close()
    dispose()
    ledger.close()
    await Promise.all([cache.close(), closeModels()])
    await rm(workDir, { recursive: true, force: true })
  }
}

/** Prints the dry run's plan; exit 5 when its known cost passes the cap, as the run itself would stop. */
function showPlan(
  io: CliIo,
  flags: GenerateFlags,
  input: Omit<PlanView, 'time'> & { readonly ledger: ReturnType<typeof openLedger>; readonly settings: ReturnType<typeof resolveRunSettings> },
): number {
  const { ledger, settings, ...rest } = input
  const time = estimatePlanTime(
    rest.plan,
    (row) => {
      const measured = ledger.medianLatency({ provider: row.provider, model: row.model, kind: row.kind })
      return measured === undefined ? { ms: typicalLatencyMs(row.provider, row.kind), measured: false } : { ms: measured, measured: true }
    },
    (provider, kind) => settings.laneLimits(provider, kind).concurrency,
  )
  const view: PlanView = { ...rest, time }
  if (flags.json) io.stdout.write(`${JSON.stringify(planJson(view))}\n`)
  else printPlan(io, view, { color: Boolean(io.stdout.isTTY) && !('NO_COLOR' in io.env) })
  return withinBudget(view) === false ? 5 : 0
}
