import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { resolveCacheLocation } from '../cache/cache-dir.js'
import { openBlobStore } from '../cache/open-blob-store.js'
import { openCache } from '../cache/open-cache.js'
import { backendBesideBlobs, resolveRecordBackend } from '../cache/record-backend.js'
import { pruneCache } from '../cache/prune-cache.js'
import { parseSize } from '../cache/size-units.js'
import { withDotenv } from '../config/dotenv.js'
import { checkGenerateAudio } from '../config/check-generate-audio.js'
import { loadConfig } from '../config/load-config.js'
import { configuredFontsDir } from '../media/fonts/find-fonts.js'
import { parseLatencies } from '../config/parse-duration.js'
import { resolveRunSettings } from '../config/run-settings.js'
import { priceBookFromConfig } from '../cost/price-book-from-config.js'
import { videoCapabilitiesFor } from '../providers/capabilities/video-capabilities-for.js'
import { CancelledError, isVimaxError } from '../errors.js'
import { ledgerListener } from '../ledger/ledger-listener.js'
import { openLedger } from '../ledger/open-ledger.js'
import { createRunMetrics } from '../metrics/run-metrics.js'
import { writeMetricsFile } from '../metrics/write-metrics-file.js'
import { checkPriced, createBudget } from '../pipeline/budget.js'
import { generate as runPipeline } from '../pipeline/generate.js'
import { placeholderImageModel, placeholderMusicModel, placeholderSpeechModel, placeholderVideoModel } from '../pipeline/placeholder-models.js'
import { collectPlan } from '../pipeline/run-plan.js'
import { checkRerolls, specShotIds } from '../pipeline/takes.js'
import { createReportWriter } from '../report/report-writer.js'
import { loadSpec } from '../spec/load-spec.js'
import type { ResolvedSpec } from '../spec/types.js'
import { redactorFromEnv } from './env-secrets.js'
import type { GenerateOptions, GenerateRunResult } from './generate-options.js'
import { openModels } from './open-models.js'
import { planTime } from './plan-time.js'

/**
 * What `vimax generate` does, without printing: the spec, config and `.env`; the models; the
 * cache, ledger, report and metrics around one pipeline run; the prune a cache size asks for.
 * The CLI is one caller; a program importing 'vimax' is another. Throws `VimaxError`s.
 */
export async function runGenerate(specPathOrSpec: string | ResolvedSpec, options: GenerateOptions = {}): Promise<GenerateRunResult> {
  // The run's wall time starts here, so opening the stores counts in `wall_ms` as it does for the person waiting.
  const startedAt = Date.now()
  const cwd = options.cwd ?? process.cwd()
  const env = withDotenv(options.env ?? process.env, cwd)
  const spec = typeof specPathOrSpec === 'string' ? await loadSpec(path.resolve(cwd, specPathOrSpec)) : specPathOrSpec
  // Before the run is recorded or its folder touched; an idea's shots are checked once planned.
  const shotIds = specShotIds(spec)
  if (shotIds) checkRerolls(options.rerolls ?? [], shotIds)
  const config = loadConfig({ cwd, env })
  // A malformed cache.store, REDIS_URL or lifetime is reported before anything is opened (exit 2).
  const configuredBackend = resolveRecordBackend({ cache: config.cache, env })
  const settings = resolveRunSettings({ spec, config, env, offline: options.offline, profile: options.profile, concurrency: options.concurrency })
  const maxCacheBytes = config.cache?.max_size ? parseSize(config.cache.max_size, 'cache.max_size') : undefined
  const outDir = path.resolve(cwd, options.outDir ?? path.join('vimax-out', spec.name))
  const { dir: cacheDir, ledger: ledgerFile, note: cacheNote } = resolveCacheLocation({ flag: options.cacheDir, env, cwd, configDir: config.cache?.dir })
  const prices = priceBookFromConfig(config)
  const maxCost = options.maxCost ?? config.budget?.max_cost
  const dryRun = Boolean(options.dryRun)
  const warn = (message: string) => options.onWarning?.(message)
  if (settings.offlineFallback.length > 0 && !options.offline) {
    options.onNotice?.(`using the offline provider for ${settings.offlineFallback.join(', ')} (no provider configured): the film is an animatic; see README "Providers and configuration"`)
  }
  if (cacheNote) options.onNotice?.(cacheNote)
  const redactor = redactorFromEnv(env)
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'vimax-run-'))
  // Before the ledger records a run: a blob setting to fix (exit 2) is reported at once.
  const blobs = await openBlobStore({ cacheDir, settings: config.cache, env, warn }).catch(async (error: unknown) => {
    await rm(workDir, { recursive: true, force: true })
    throw error
  })
  const recordBackend = backendBesideBlobs(configuredBackend, { blobsSetting: config.cache?.blobs, blobs, warn })
  const cache = await openCache({ cacheDir, warn, read: options.cache ?? true, scratchDir: workDir, blobs, backend: recordBackend }).catch(async (error: unknown) => {
    // Refused Redis credentials, or an unreachable one under cache.required: exit 2, nothing left behind.
    await blobs.close?.()
    await rm(workDir, { recursive: true, force: true })
    throw error
  })
  // Beside a live Redis store only: an unreachable one has already warned, and each run then counts its own rpm.
  const rateGate =
    recordBackend.redis && cache.records.backend === 'redis'
      ? await (await import('../cache/redis-rate-gate.js')).openRedisRateGate({ target: recordBackend.redis, warn })
      : undefined
  const ledger = openLedger(ledgerFile, { warn })
  const runId = ledger.startRun({ specPath: spec.path, specSha256: spec.digest, outputDir: dryRun ? undefined : outDir })
  const record = ledgerListener(ledger, runId)
  const plan = dryRun ? collectPlan(spec.source.kind) : undefined
  const metrics = options.metricsFile ? createRunMetrics() : undefined
  const report = dryRun
    ? undefined
    : createReportWriter({ outDir, runId, specPath: spec.path, title: spec.title ?? spec.name, models: settings.modelRefs, startedAt, warn })
  let closeModels = async () => undefined as void
  const writeMetrics = async (status: string) => {
    if (!metrics || !options.metricsFile) return
    const text = metrics.render({ status, wallMs: Date.now() - startedAt, finishedAt: Date.now(), spec: spec.name })
    await writeMetricsFile(path.resolve(cwd, options.metricsFile), text).catch((error: unknown) => warn(`cannot write --metrics-file: ${String(error)}`))
  }
  try {
    const log = options.requestLog?.({ runId, redactor })
    const latencyMs = env.VIMAX_OFFLINE_LATENCY ? parseLatencies(env.VIMAX_OFFLINE_LATENCY, 'VIMAX_OFFLINE_LATENCY') : undefined
    const opened = await openModels({ settings, config, env, redactor, workDir, log, ...(latencyMs && { offline: { latencyMs } }) })
    closeModels = opened.close
    const { models, fallbacks } = opened
    const videoCapabilities = videoCapabilitiesFor(config, settings.modelRefs.video, warn)
    checkGenerateAudio(settings, videoCapabilities)
    if (maxCost !== undefined && !dryRun) checkPriced([models.chat, models.image, models.video, ...(fallbacks.chat ?? []), ...(fallbacks.image ?? []), ...(fallbacks.video ?? [])], prices.knows, maxCost)
    const result = await runPipeline({
      spec,
      // A dry run makes the cheap chat calls for real (cached) and plans the rest with stand-ins.
      models: dryRun
        ? {
            ...models,
            image: placeholderImageModel(models.image),
            video: placeholderVideoModel(models.video),
            // The offline voice is free and exact: its real lengths make the planned shots (and clips) the real run's.
            speech: models.speech.provider === 'offline' ? models.speech : placeholderSpeechModel(models.speech),
            music: placeholderMusicModel(models.music),
          }
        : models,
      // A dry run plans the first choices; the plan names the fallbacks.
      ...(!dryRun && { fallbacks }),
      modelRefs: settings.modelRefs,
      videoCapabilities,
      fallbackVideoCapabilities: (fallbacks.video ?? []).map((model) => videoCapabilitiesFor(config, `${model.provider}:${model.modelId}`, warn)),
      outDir: dryRun ? path.join(workDir, 'plan') : outDir,
      previousDir: outDir,
      laneLimits: settings.laneLimits,
      ...(rateGate && { rateGate }),
      emit: (event) => {
        options.onEvent?.(event)
        if (event.type === 'call:end' && event.planned === true) return plan?.observe(event)
        record(event)
        plan?.observe(event)
        report?.event(event)
        metrics?.observe(event)
      },
      ...(options.stop && { stop: options.stop }),
      rerolls: options.rerolls ?? [],
      burnSubtitles: options.burnSubtitles ?? false,
      ...(options.burnSubtitles && { fontsDir: configuredFontsDir({ dir: config.fonts?.dir, env }) }),
      ...(settings.generateAudio && { generateAudio: true }),
      layer: cache.layer,
      memo: cache.memo,
      workDir,
      prices,
      ...(maxCost !== undefined && !dryRun && { budget: createBudget(maxCost) }),
      // A dry run plans as far as the real run would go: with --stop-after, only that far.
      until: options.stopAfter ?? (dryRun ? 'clips' : 'film'),
      runId,
      startedAt,
    })
    ledger.finishRun(runId, { status: 'complete', ...(dryRun ? { stoppedAfter: 'plan' } : result.stoppedAfter && { stoppedAfter: result.stoppedAfter }) })
    await report?.finish({ status: result.stoppedAfter ? 'stopped' : 'complete' })
    await writeMetrics(result.stoppedAfter ? 'stopped' : 'complete')
    if (maxCacheBytes !== undefined) await pruneCache({ cacheDir, backend: recordBackend, ledgerFile, maxBytes: maxCacheBytes, now: Date.now(), warn })
    const planned = plan?.plan()
    return {
      ...result,
      runId,
      models: settings.modelRefs,
      specPath: spec.path,
      report: dryRun ? undefined : path.join(outDir, 'report.html'),
      plan: planned && { plan: planned, time: planTime(planned, ledger, settings), maxCostUsd: maxCost, fallbacks: Object.fromEntries(Object.entries(settings.fallbackRefs).filter(([, refs]) => refs.length > 0)) },
    }
  } catch (error) {
    const status = error instanceof CancelledError ? 'interrupted' : 'failed'
    ledger.finishRun(runId, { status, errorCode: isVimaxError(error) ? error.code : 'E_INTERNAL' })
    await report?.finish({ status, error: isVimaxError(error) ? { code: error.code, message: error.message } : { code: 'E_INTERNAL', message: String(error) } })
    await writeMetrics(status)
    throw error
  } finally {
    ledger.close()
    await Promise.all([cache.close(), closeModels(), rateGate?.close()])
    await rm(workDir, { recursive: true, force: true })
  }
}
