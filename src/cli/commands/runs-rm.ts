import { existsSync } from 'node:fs'
import { cachePaths } from '../../cache/cache-dir.js'
import { ConfigError } from '../../errors.js'
import { openLedger } from '../../ledger/open-ledger.js'
import { findRun } from '../find-run.js'
import type { CliIo } from '../io.js'
import { parseWhen } from '../parse-when.js'

export interface RunsRmFlags {
  readonly cacheDir: string
  /** Every run started before this (a date, a date and time, or a span ago), except running ones. */
  readonly before?: string
  readonly yes?: boolean
  readonly json?: boolean
  readonly now?: () => number
}

export interface RunsRmDeps {
  /** Asks the person at the terminal; given only when stdin is a TTY. Without it, `--yes` is required. */
  readonly confirm?: (question: string) => Promise<boolean>
}

/**
 * `vimax runs rm <id>... | --before <when> [--yes]`: deletes runs and their calls from the
 * ledger. Never the cache: what those runs paid for stays cached (`vimax cache prune` is for that).
 * Every id is resolved before anything is deleted, so one typo deletes nothing.
 */
export async function runsRmCommand(ids: readonly string[], flags: RunsRmFlags, io: CliIo, deps: RunsRmDeps = {}): Promise<number> {
  if (ids.length === 0 && flags.before === undefined) {
    throw new ConfigError('runs rm: name the runs to delete', { code: 'E_USAGE', hint: 'pass run ids (vimax runs lists them), or --before 2026-01-31 / --before 30d' })
  }
  const before = flags.before === undefined ? undefined : parseWhen(flags.before, '--before', (flags.now ?? Date.now)())
  const file = cachePaths(flags.cacheDir, io.env).ledger
  const context = { command: 'runs rm', cacheDir: flags.cacheDir }
  if (!existsSync(file)) {
    if (ids.length > 0) findRun(undefined, ids[0]!, context) // throws: there is no run at all
    return done(io, flags, [], { runs: 0, calls: 0 })
  }
  const ledger = openLedger(file, { warn: (message) => io.stderr.write(`warning: ${message}\n`) })
  try {
    const chosen = new Set(ids.map((id) => findRun(ledger, id, context)))
    // A run still writing would lose its calls mid-run; --before leaves those alone (an id does not).
    if (before !== undefined) for (const run of ledger.listRuns(Number.MAX_SAFE_INTEGER, { before })) if (run.status !== 'running') chosen.add(run.id)
    if (chosen.size === 0) return done(io, flags, [], { runs: 0, calls: 0 })
    const what = `${chosen.size} run${chosen.size === 1 ? '' : 's'} from the ledger in ${flags.cacheDir} (the cache is not touched)`
    if (!flags.yes) {
      if (deps.confirm === undefined) {
        throw new ConfigError(`runs rm: refusing to delete ${what} without confirmation`, { code: 'E_USAGE', hint: 'rerun with --yes' })
      }
      if (!(await deps.confirm(`Delete ${what}?`))) {
        io.stderr.write('nothing deleted\n')
        return 0
      }
    }
    return done(io, flags, [...chosen], ledger.deleteRuns([...chosen]))
  } finally {
    ledger.close()
  }
}

function done(io: CliIo, flags: RunsRmFlags, ids: readonly string[], deleted: { runs: number; calls: number }): number {
  if (flags.json) io.stdout.write(`${JSON.stringify({ deleted_runs: deleted.runs, deleted_calls: deleted.calls, run_ids: ids })}\n`)
  else if (deleted.runs === 0) io.stdout.write('no runs to delete\n')
  else io.stdout.write(`deleted ${deleted.runs} run${deleted.runs === 1 ? '' : 's'} and ${deleted.calls} call${deleted.calls === 1 ? '' : 's'} from the ledger; the cache is unchanged\n`)
  return 0
}
