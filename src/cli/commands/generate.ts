import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { cachePaths, resolveCacheDir } from '../../cache/cache-dir.js'
import { openCache } from '../../cache/open-cache.js'
import { parseLatencies } from '../../config/parse-duration.js'
import { resolveRunSettings } from '../../config/run-settings.js'
import { CancelledError, isVimaxError } from '../../errors.js'
import { ledgerListener } from '../../ledger/ledger-listener.js'
import { openLedger } from '../../ledger/open-ledger.js'
import { generate } from '../../pipeline/generate.js'
import { builtinProviders } from '../../providers/builtin.js'
import { createRegistry } from '../../providers/registry.js'
import { loadSpec } from '../../spec/load-spec.js'
import type { CliIo } from '../io.js'
import { handleInterrupts } from '../interrupts.js'
import { printSummary, summaryJson } from '../print-summary.js'
import type { GenerateFlags } from '../program.js'
import { chooseReporter } from '../reporters/choose-reporter.js'

export async function generateCommand(specPath: string, flags: GenerateFlags, io: CliIo): Promise<number> {
  const spec = await loadSpec(path.resolve(io.cwd, specPath))
  const settings = resolveRunSettings({ spec, offline: flags.offline, concurrency: flags.concurrency })
  const outDir = path.resolve(io.cwd, flags.output ?? path.join('vimax-out', spec.name))
  const cacheDir = resolveCacheDir({ flag: flags.cacheDir, env: io.env, cwd: io.cwd })
  const reporter = chooseReporter(io, flags)
  const warn = (message: string) => reporter.warn(message)
  if (settings.offlineFallback.length > 0 && !flags.offline) {
    reporter.info(`using the offline provider for ${settings.offlineFallback.join(', ')} (no provider configured): the film is an animatic; see README "Providers"`)
  }
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'vimax-run-'))
  const latency = io.env.VIMAX_OFFLINE_LATENCY ? parseLatencies(io.env.VIMAX_OFFLINE_LATENCY, 'VIMAX_OFFLINE_LATENCY') : undefined
  const registry = createRegistry(builtinProviders({ offline: { workDir, latencyMs: latency } }))
  const cache = await openCache({ cacheDir, warn, read: flags.cache })
  const ledger = openLedger(cachePaths(cacheDir).ledger, { warn })
  const runId = ledger.startRun({ specPath: spec.path, specSha256: spec.digest, outputDir: outDir })
  const record = ledgerListener(ledger, runId)
  const stop = new AbortController()
  const dispose = handleInterrupts(io, () => stop.abort())
  try {
    const refs = settings.modelRefs
    const models = {
      chat: await registry.model('chat', refs.chat),
      image: await registry.model('image', refs.image),
      video: await registry.model('video', refs.video),
    }
    const result = await generate({
      spec,
      models,
      modelRefs: refs,
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
    reporter.close()
    if (flags.json) io.stdout.write(`${JSON.stringify({ ...summaryJson(result, refs), run_id: runId })}\n`)
    else printSummary(io, result, { quiet: Boolean(flags.quiet), color: Boolean(io.stdout.isTTY) && !('NO_COLOR' in io.env) })
    return 0
  } catch (error) {
    ledger.finishRun(runId, {
      status: error instanceof CancelledError ? 'interrupted' : 'failed',
      errorCode: isVimaxError(error) ? error.code : 'E_INTERNAL',
    })
    throw error
  } finally {
    reporter.close()
    dispose()
    ledger.close()
    await cache.close()
    await rm(workDir, { recursive: true, force: true })
  }
}
