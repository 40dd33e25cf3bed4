import { existsSync } from 'node:fs'
import { textTable } from '../../bench/text-table.js'
import { cachePaths } from '../../cache/cache-dir.js'
import { formatBytes } from '../../cache/size-units.js'
import { ConfigError } from '../../errors.js'
import type { CallRow, RunDetail, RunRow } from '../../ledger/ledger-types.js'
import { openLedger, type Ledger } from '../../ledger/open-ledger.js'
import { formatUsd } from '../../util/format-usd.js'
import type { CliIo } from '../io.js'

export interface RunsFlags {
  readonly cacheDir: string
  /** @default 20 */
  readonly limit?: number | string
  readonly json?: boolean
}

/** `vimax runs [--limit n] [--json]`: recent runs, newest first. */
export async function runsCommand(flags: RunsFlags, io: CliIo): Promise<number> {
  const limit = parseLimit(flags.limit)
  const runs = withLedger(flags.cacheDir, io, (ledger) => ledger.listRuns(limit)) ?? []
  if (flags.json) io.stdout.write(`${JSON.stringify(runs)}\n`)
  else if (runs.length === 0) io.stdout.write(`no runs recorded in ${flags.cacheDir}\n`)
  else io.stdout.write(`${formatRuns(runs)}\n`)
  return 0
}

/** `vimax runs show <id> [--json]`: one run (id or a unique prefix) and every call it made. */
export async function runsShowCommand(id: string, flags: Omit<RunsFlags, 'limit'>, io: CliIo): Promise<number> {
  const detail = withLedger(flags.cacheDir, io, (ledger) => ledger.getRun(id))
  if (detail === undefined) {
    throw new ConfigError(`runs show: no run "${id}" in ${flags.cacheDir}`, {
      code: 'E_RUN_NOT_FOUND',
      hint: 'vimax runs lists recent run ids (a unique prefix is enough)',
    })
  }
  io.stdout.write(flags.json ? `${JSON.stringify(detail)}\n` : `${formatRun(detail)}\n`)
  return 0
}

function withLedger<T>(cacheDir: string, io: CliIo, read: (ledger: Ledger) => T): T | undefined {
  const file = cachePaths(cacheDir).ledger
  if (!existsSync(file)) return undefined // a read-only command creates nothing
  const ledger = openLedger(file, { warn: (message) => io.stderr.write(`warning: ${message}\n`) })
  try {
    return read(ledger)
  } finally {
    ledger.close()
  }
}

export function formatRuns(runs: readonly RunRow[]): string {
  const rows = runs.map((run) => [
    run.id,
    formatTime(run.startedAt),
    statusOf(run),
    duration(run),
    String(run.calls),
    String(run.cached),
    String(run.errors),
    spent(run),
    formatUsd(run.savedUsd),
    run.specPath ?? '',
  ])
  return textTable(['id', 'started', 'status', 'took', 'calls', 'cached', 'errors', 'spent', 'saved', 'spec'], rows, [
    'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left',
  ])
}

export function formatRun({ run, calls }: RunDetail): string {
  const head = [
    `run ${run.id}: ${statusOf(run)}${run.errorCode ? ` (${run.errorCode})` : ''}`,
    `started ${formatTime(run.startedAt)}, took ${duration(run) || 'still running'}`,
    ...(run.specPath ? [`spec ${run.specPath}`] : []),
    ...(run.outputDir ? [`output ${run.outputDir}`] : []),
    `${run.calls} calls, ${run.cached} cached, ${run.errors} failed, ${formatBytes(run.bytes)}`,
    `spent ${spent(run)} (estimated), saved ${formatUsd(run.savedUsd)} by ${run.cached} cache hit${run.cached === 1 ? '' : 's'}`,
  ]
  if (calls.length === 0) return head.join('\n')
  const rows = calls.map((call: CallRow) => [
    String(call.callId ?? call.id),
    call.kind,
    call.subject ?? '',
    `${call.provider}:${call.model}`,
    call.cached ? 'yes' : '',
    call.status === 'ok' ? 'ok' : (call.errorCode ?? 'error'),
    call.latencyMs === null ? '' : `${call.latencyMs} ms`,
    call.queuedMs ? `${call.queuedMs} ms` : '',
    call.bytes === null ? '' : formatBytes(call.bytes),
    call.costUsd !== null ? formatUsd(call.costUsd) : call.savedUsd !== null ? `saved ${formatUsd(call.savedUsd)}` : '',
  ])
  const table = textTable(['#', 'kind', 'subject', 'model', 'cached', 'status', 'latency', 'queued', 'size', 'cost'], rows, [
    'right', 'left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'right',
  ])
  return `${head.join('\n')}\n\n${table}`
}

function parseLimit(limit: number | string | undefined): number {
  if (limit === undefined) return 20
  const value = Number(limit)
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigError(`--limit: expected an integer ≥ 1, got "${limit}"`, { code: 'E_USAGE', hint: 'for example --limit 50' })
  }
  return value
}

/** Local time to the minute: what a person matches against their memory of a run. */
function formatTime(ms: number): string {
  const date = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

function duration(run: RunRow): string {
  if (run.finishedAt === null) return ''
  const seconds = Math.max(0, (run.finishedAt - run.startedAt) / 1000)
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s` : `${seconds.toFixed(1)}s`
}

/** "stopped after storyboard" and "dry run" are complete runs that made no film, on purpose. */
function statusOf(run: RunRow): string {
  if (run.stoppedAfter === 'plan') return 'dry run'
  return run.stoppedAfter ? `stopped after ${run.stoppedAfter}` : run.status
}

const spent = (run: RunRow) => `${formatUsd(run.costUsd)}${run.unpriced > 0 ? ` + ${run.unpriced} unknown` : ''}`

