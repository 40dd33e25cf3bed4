import path from 'node:path'
import { runGenerate } from '../../run/run-generate.js'
import type { CliIo } from '../io.js'
import { handleInterrupts } from '../interrupts.js'
import { planJson, printPlan, withinBudget, type PlanView } from '../print-plan.js'
import { printSummary, summaryJson } from '../print-summary.js'
import type { GenerateFlags } from '../program.js'
import { chooseReporter } from '../reporters/choose-reporter.js'
import { createRequestLog } from '../request-log-file.js'

export async function generateCommand(specPath: string, flags: GenerateFlags, io: CliIo): Promise<number> {
  const reporter = chooseReporter(io, flags)
  const stop = new AbortController()
  const dispose = handleInterrupts(io, () => stop.abort())
  try {
    const result = await runGenerate(specPath, {
      cwd: io.cwd,
      env: io.env,
      ...(flags.output !== undefined && { outDir: flags.output }),
      ...(flags.cacheDir !== undefined && { cacheDir: flags.cacheDir }),
      cache: flags.cache,
      ...(flags.offline !== undefined && { offline: flags.offline }),
      ...(flags.profile !== undefined && { profile: flags.profile }),
      ...(flags.concurrency !== undefined && { concurrency: flags.concurrency }),
      ...(flags.maxCost !== undefined && { maxCost: flags.maxCost }),
      dryRun: Boolean(flags.dryRun),
      rerolls: flags.reroll,
      ...(flags.burnSubtitles !== undefined && { burnSubtitles: flags.burnSubtitles }),
      ...(flags.stopAfter !== undefined && { stopAfter: flags.stopAfter }),
      ...(flags.metricsFile !== undefined && { metricsFile: flags.metricsFile }),
      onEvent: (event) => reporter.event(event),
      onWarning: (message) => reporter.warn(message),
      onNotice: (message) => reporter.info(message),
      stop: stop.signal,
      requestLog: ({ runId, redactor }) =>
        flags.logFile ? createRequestLog({ file: path.resolve(io.cwd, flags.logFile), format: flags.logFormat ?? 'json', runId, redactor }) : undefined,
    })
    reporter.close()
    if (result.plan) return showPlan(io, flags, { specPath: result.specPath, ...result.plan, runId: result.runId })
    if (flags.json) io.stdout.write(`${JSON.stringify({ ...summaryJson(result, result.models), report: result.report, run_id: result.runId })}\n`)
    else printSummary(io, result, { quiet: Boolean(flags.quiet), color: Boolean(io.stdout.isTTY) && !('NO_COLOR' in io.env) })
    return 0
  } finally {
    reporter.close()
    dispose()
  }
}

/** Prints the dry run's plan; exit 5 when its known cost passes the cap, as the run itself would stop. */
function showPlan(io: CliIo, flags: GenerateFlags, view: PlanView): number {
  if (flags.json) io.stdout.write(`${JSON.stringify(planJson(view))}\n`)
  else printPlan(io, view, { color: Boolean(io.stdout.isTTY) && !('NO_COLOR' in io.env) })
  return withinBudget(view) === false ? 5 : 0
}
