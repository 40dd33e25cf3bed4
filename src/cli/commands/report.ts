import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { cachePaths } from '../../cache/cache-dir.js'
import { ConfigError } from '../../errors.js'
import type { RunRow } from '../../ledger/ledger-types.js'
import { openLedger, type Ledger } from '../../ledger/open-ledger.js'
import { readManifest } from '../../pipeline/manifest.js'
import { callFromLedger } from '../../report/calls-from-ledger.js'
import { loadReportInput } from '../../report/load-report-input.js'
import type { ReportCall } from '../../report/report-input.js'
import { writeReportFile } from '../../report/write-report-file.js'
import { findRun } from '../find-run.js'
import type { CliIo } from '../io.js'

export interface ReportFlags {
  readonly cacheDir: string
  readonly json?: boolean
}

const ARGUMENT_HINT = 'pass a run\'s output folder (the one with manifest.json), or a run id from `vimax runs` (add --cache-dir if the run used one)'

/** `vimax report <run id|dir>`: rebuilds report.html from the output folder and the ledger. */
export async function reportCommand(run: string, flags: ReportFlags, io: CliIo): Promise<number> {
  const ledgerFile = cachePaths(flags.cacheDir, io.env).ledger
  // A read-only command creates nothing: no ledger file, no ledger.
  const ledger = existsSync(ledgerFile) ? openLedger(ledgerFile, { warn: (message) => io.stderr.write(`warning: ${message}\n`) }) : undefined
  try {
    const { outDir, runId: asked } = outputFolderOf(run, io.cwd, ledger, flags.cacheDir)
    const manifest = await readManifest(outDir)
    if (manifest === undefined) {
      throw new ConfigError(`report: ${outDir} has no readable manifest.json`, { code: 'E_REPORT_NO_MANIFEST', hint: `a run writes it when it ends; ${ARGUMENT_HINT}` })
    }
    if (asked !== undefined && manifest.run_id !== undefined && manifest.run_id !== asked) {
      io.stderr.write(`warning: ${outDir} now holds run ${manifest.run_id}, not ${asked}: the report shows what the folder holds\n`)
    }
    const runId = manifest.run_id ?? asked ?? runOfFolder(ledger, outDir, Date.parse(manifest.started_at))?.id
    const { calls, note } = callsOf(ledger, runId, ledgerFile)
    const input = await loadReportInput(outDir, { calls, callsNote: note, ...(runId && { runId }) })
    if (input === undefined) throw new ConfigError(`report: ${outDir} has no readable manifest.json`, { code: 'E_REPORT_NO_MANIFEST', hint: ARGUMENT_HINT })
    const file = await writeReportFile(outDir, input)
    io.stdout.write(flags.json ? `${JSON.stringify({ report: file })}\n` : `${file}\n`)
    return 0
  } finally {
    ledger?.close()
  }
}

/** A folder as given (or the folder of a manifest.json), else a run id the ledger knows. */
function outputFolderOf(run: string, cwd: string, ledger: Ledger | undefined, cacheDir: string): { outDir: string; runId?: string } {
  const asPath = path.resolve(cwd, run)
  const info = statSync(asPath, { throwIfNoEntry: false })
  if (info?.isDirectory()) {
    if (!existsSync(path.join(asPath, 'manifest.json'))) {
      throw new ConfigError(`report: ${asPath} has no manifest.json`, { code: 'E_REPORT_NO_MANIFEST', hint: ARGUMENT_HINT })
    }
    return { outDir: asPath }
  }
  if (info?.isFile() && path.basename(asPath) === 'manifest.json') return { outDir: path.dirname(asPath) }
  const ids = ledger?.findRunIds(run) ?? []
  // Several runs begin with it: name them rather than guess (findRun throws E_RUN_AMBIGUOUS).
  if (ids.length > 1) findRun(ledger, run, { command: 'report', cacheDir })
  const found = ids.length === 1 ? ledger?.getRun(ids[0]!)?.run : undefined
  if (found === undefined) {
    throw new ConfigError(`report: "${run}" is neither an output folder nor a run in ${cacheDir}`, { code: 'E_RUN_NOT_FOUND', hint: ARGUMENT_HINT })
  }
  if (found.outputDir === null || !existsSync(path.join(found.outputDir, 'manifest.json'))) {
    throw new ConfigError(`report: run ${found.id} left no manifest.json${found.outputDir ? ` in ${found.outputDir}` : ''}`, {
      code: 'E_REPORT_NO_MANIFEST',
      hint:
        found.stoppedAfter === 'plan'
          ? 'it was a dry run, which writes no output folder; its plan is what it printed'
          : found.status === 'running'
            ? 'the run is still working: its report.html is kept current as it goes'
            : `the folder may have been moved; ${ARGUMENT_HINT}`,
    })
  }
  return { outDir: found.outputDir, runId: found.id }
}

/**
 * Manifests written before they carried `run_id`: the latest run the ledger saw start writing into
 * this folder before the manifest's run began (the ledger records the run just before it starts).
 */
function runOfFolder(ledger: Ledger | undefined, outDir: string, startedAt: number): RunRow | undefined {
  const slackMs = 5_000
  return ledger
    ?.listRuns(1000)
    .filter((row) => row.outputDir !== null && path.resolve(row.outputDir) === outDir && row.startedAt <= startedAt + slackMs)
    .sort((a, b) => b.startedAt - a.startedAt)[0]
}

function callsOf(ledger: Ledger | undefined, runId: string | undefined, ledgerFile: string): { calls: ReportCall[]; note?: string } {
  if (ledger === undefined) return { calls: [], note: `No calls to show: there is no ledger at ${ledgerFile}. Pass the --cache-dir the run used.` }
  if (runId === undefined) return { calls: [], note: `No calls to show: the ledger at ${ledgerFile} has no run for this folder.` }
  const detail = ledger.getRun(runId)
  if (detail === undefined) return { calls: [], note: `No calls to show: run ${runId} is not in the ledger at ${ledgerFile}. Pass the --cache-dir the run used.` }
  return { calls: detail.calls.map(callFromLedger), ...(detail.calls.length === 0 && { note: `Run ${runId} made no calls.` }) }
}
