import { existsSync } from 'node:fs'
import path from 'node:path'
import { textTable } from '../../bench/text-table.js'
import { cachePaths } from '../../cache/cache-dir.js'
import { formatBytes } from '../../cache/size-units.js'
import { ConfigError } from '../../errors.js'
import type { CallRow, RunDetail, RunFilter, RunRow, RunStatus } from '../../ledger/ledger-types.js'
import { openLedger, type Ledger } from '../../ledger/open-ledger.js'
import { formatUsd } from '../../util/format-usd.js'
import { suggest } from '../../util/suggest.js'
import { findRun, runNotFound } from '../find-run.js'
import type { CliIo } from '../io.js'
import { jsonStyleWithDeprecated } from '../json-style.js'
import { parseWhen } from '../parse-when.js'
import { plural } from '../../util/plural.js'

export interface RunsFlags {
  readonly cacheDir: string
  /** @default 20 */
  readonly limit?: number | string
  readonly json?: boolean
  /** Only runs with this status. */
  readonly status?: RunStatus
  /** Only runs of this spec: a path (relative to the working folder) or a file name. */
  readonly spec?: string
  /** Only runs started since: a date, a date and time, or a span ago (`7d`). */
  readonly since?: string
  /** Injected for tests: what "7d ago" counts from. */
  readonly now?: () => number
}

const RUN_STATUSES: readonly RunStatus[] = ['running', 'complete', 'failed', 'interrupted']

/** `vimax runs [--limit n] [--status s] [--spec file] [--since when] [--json]`: recent runs, newest first. */
export async function runsCommand(flags: RunsFlags, io: CliIo): Promise<number> {
  const limit = parseLimit(flags.limit)
  const filter = runFilter(flags, io.cwd)
  const runs = withLedger(flags.cacheDir, io, (ledger) => ledger.listRuns(limit, filter)) ?? []
  const filtered = Object.keys(filter).length > 0
  if (flags.json) io.stdout.write(`${JSON.stringify(jsonStyleWithDeprecated(runs))}\n`)
  else if (runs.length === 0) io.stdout.write(`no runs ${filtered ? 'match those filters' : 'recorded'} in ${flags.cacheDir}\n`)
  else io.stdout.write(`${formatRuns(runs)}\n`)
  return 0
}

/** `vimax runs show <id> [--json]`: one run (id or a unique prefix) and every call it made. */
export async function runsShowCommand(id: string, flags: Pick<RunsFlags, 'cacheDir' | 'json'>, io: CliIo): Promise<number> {
  const context = { command: 'runs show', cacheDir: flags.cacheDir }
  const detail = withLedger(flags.cacheDir, io, (ledger) => ledger.getRun(findRun(ledger, id, context)))
  // No ledger file at all: no run by any id.
  if (detail === undefined) throw runNotFound(id, context)
  io.stdout.write(flags.json ? `${JSON.stringify(jsonStyleWithDeprecated(detail))}\n` : `${formatRun(detail)}\n`)
  return 0
}

function runFilter(flags: RunsFlags, cwd: string): RunFilter {
  if (flags.status !== undefined && !RUN_STATUSES.includes(flags.status)) {
    const guess = suggest(flags.status, RUN_STATUSES)
    throw new ConfigError(`--status: expected ${RUN_STATUSES.join(', ')}, got "${flags.status}"`, {
      code: 'E_USAGE',
      hint: guess === undefined ? 'leave --status out to list every run' : `did you mean --status ${guess}?`,
    })
  }
  return {
    ...(flags.status !== undefined && { status: flags.status }),
    ...(flags.spec !== undefined && { spec: { asTyped: flags.spec, absolute: path.resolve(cwd, flags.spec) } }),
    ...(flags.since !== undefined && { since: parseWhen(flags.since, '--since', (flags.now ?? Date.now)()) }),
  }
}

export function withLedger<T>(cacheDir: string, io: CliIo, read: (ledger: Ledger) => T): T | undefined {
  const file = cachePaths(cacheDir, io.env).ledger
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
    `${plural(run.calls, 'call')}, ${run.cached} cached, ${run.errors} failed, ${formatBytes(run.bytes)}`,
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

