import path from 'node:path'
import { withDotenv } from '../../config/dotenv.js'
import { loadConfig } from '../../config/load-config.js'
import { readBatchStatus, type FilmStatus } from '../../queue/batch-status.js'
import { queueTarget } from '../../queue/queue-target.js'
import type { CliIo } from '../io.js'
import { jsonStyle } from '../json-style.js'

export interface BatchStatusFlags {
  readonly json?: boolean
}

/**
 * `vimax batch status`: films queued, active, done and failed, then one line per film: its spec,
 * state, output (folder or s3 URL), the worker that has or had it, and a failed film's error code.
 */
export async function batchStatusCommand(flags: BatchStatusFlags, io: CliIo): Promise<number> {
  const env = withDotenv(io.env, io.cwd)
  const target = queueTarget(loadConfig({ cwd: io.cwd, env }).cache, env)
  const status = await readBatchStatus(target)
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(jsonStyle({ queue: target.shown, ...status }))}\n`)
    return 0
  }
  const { counts } = status
  io.stdout.write(`${target.shown}: ${counts.queued} queued · ${counts.active} active · ${counts.done} done · ${counts.failed} failed · ${status.workers.length} workers seen in the last minute\n`)
  for (const film of status.films) io.stdout.write(`  ${line(film, io.cwd)}\n`)
  return 0
}

function line(film: FilmStatus, cwd: string): string {
  const spec = path.relative(cwd, film.spec).startsWith('..') ? film.spec : path.relative(cwd, film.spec)
  const where = film.state === 'done' && film.film ? film.film : film.output
  const failure = film.errorCode ? `  ${film.errorCode}: ${film.error ?? ''}` : ''
  return `${film.state.padEnd(6)}  ${spec}  →  ${where}${film.worker ? `  (${film.worker})` : ''}${failure}`
}
