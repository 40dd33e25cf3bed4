import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { cachePaths, resolveCacheDir } from '../../cache/cache-dir.js'
import { openCache } from '../../cache/open-cache.js'
import { pruneCache } from '../../cache/prune-cache.js'
import { parseSize } from '../../cache/size-units.js'
import { withDotenv } from '../../config/dotenv.js'
import { loadConfig } from '../../config/load-config.js'
import { parseLatencies } from '../../config/parse-duration.js'
import { resolveRunSettings } from '../../config/run-settings.js'
import { CancelledError, isVimaxError } from '../../errors.js'
import { ledgerListener } from '../../ledger/ledger-listener.js'
import { openLedger } from '../../ledger/open-ledger.js'
import { generate } from '../../pipeline/generate.js'
import { loadSpec } from '../../spec/load-spec.js'
import { redactorFromEnv } from '../env-secrets.js'
import type { CliIo } from '../io.js'
import { handleInterrupts } from '../interrupts.js'
import { openModels } from '../open-models.js'
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
  const reporter = chooseReporter(io, flags)
  const warn = (message: string) => reporter.warn(message)
  if (settings.offlineFallback.length > 0 && !flags.offline) {
    reporter.info(`using the offline provider for ${settings.offlineFallback.join(', ')} (no provider configured): the film is an animatic; see README "Providers"`)
  }
  const redactor = redactorFromEnv(env)
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'vimax-run-'))
  const cache = await openCache({ cacheDir, warn, read: flags.cache, scratchDir: workDir })
  const ledger = openLedger(cachePaths(cacheDir).ledger, { warn })
  const runId = ledger.startRun({ specPath: spec.path, specSha256: spec.digest, outputDir: outDir })
  const record = ledgerListener(ledger, runId)
  const stop = new AbortController()
  const dispose = handleInterrupts(io, () => stop.abort())
  let closeModels = async () => undefined as void
  try {
    const log = flags.logFile ? createRequestLog({ file: path.resolve(io.cwd, flags.logFile), format: flags.logFormat ?? 'json', runId, redactor }) : undefined
    const latencyMs = env.VIMAX_OFFLINE_LATENCY ? parseLatencies(env.VIMAX_OFFLINE_LATENCY, 'VIMAX_OFFLINE_LATENCY') : undefined
    const opened = await openModels({ settings, config, env, redactor, workDir, log, ...(latencyMs && { offline: { latencyMs } }) })
    closeModels = opened.close
    const result = await generate({
      spec,
      models: opened.models,
      modelRefs: settings.modelRefs,
      outDir,
      laneLimits: settings.laneLimits,
      emit: (event) => {
        reporter.event(event)
        record(event)
      },
      stop: stop.signal,
      rerolls: flags.reroll,
      burnSubtitles: flags.burnSubtitles,
      layer: cache.layer,
      memo: cache.memo,
      workDir,
    })
    ledger.finishRun(runId, { status: 'complete' })
    if (maxCacheBytes !== undefined) await pruneCache({ cacheDir, maxBytes: maxCacheBytes, now: Date.now(), warn })
    reporter.close()
    if (flags.json) io.stdout.write(`${JSON.stringify({ ...summaryJson(result, settings.modelRefs), run_id: runId })}\n`)
    else printSummary(io, result, { quiet: Boolean(flags.quiet), color: Boolean(io.stdout.isTTY) && !('NO_COLOR' in io.env) })
    return 0
  } catch (error) {
    ledger.finishRun(runId, { status: error instanceof CancelledError ? 'interrupted' : 'failed', errorCode: isVimaxError(error) ? error.code : 'E_INTERNAL' })
    throw error
  } finally {
    reporter.close()
    dispose()
    ledger.close()
    await Promise.all([cache.close(), closeModels()])
    await rm(workDir, { recursive: true, force: true })
  }
}
