import path from 'node:path'
import { enqueueFilms, type EnqueueState } from '../../queue/enqueue-films.js'
import type { CliIo } from '../io.js'
import { jsonStyle } from '../json-style.js'

export interface BatchFlags {
  readonly output?: string
  readonly profile?: string
  readonly json?: boolean
}

const SAID: Readonly<Record<EnqueueState, string>> = {
  queued: 'queued',
  waiting: 'already queued',
  active: 'being made',
  done: 'already made',
  requeued: 'failed before; queued again',
}

/**
 * `vimax batch <spec…>`: every spec checked first (exit 2, nothing queued, when any is wrong),
 * then one job per film on the Redis of `cache.store`/`REDIS_URL`. The same spec, output and
 * profile is the same job, so running the command twice queues nothing new.
 */
export async function batchCommand(specs: readonly string[], flags: BatchFlags, io: CliIo): Promise<number> {
  const { queue, films } = await enqueueFilms({
    specPaths: specs,
    cwd: io.cwd,
    env: io.env,
    ...(flags.output !== undefined && { output: flags.output }),
    ...(flags.profile !== undefined && { profile: flags.profile }),
  })
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(jsonStyle({ queue, films }))}\n`)
    return 0
  }
  const added = films.filter((film) => film.state === 'queued' || film.state === 'requeued').length
  io.stdout.write(`${added} of ${films.length} films queued on ${queue}\n`)
  const width = Math.max(...films.map((film) => SAID[film.state].length))
  for (const film of films) {
    io.stdout.write(`  ${SAID[film.state].padEnd(width)}  ${path.relative(io.cwd, film.spec) || film.spec}  →  ${film.output}\n`)
  }
  if (added < films.length) io.stdout.write('A film with the same spec, output and profile is one job: queuing it again adds nothing.\n')
  io.stdout.write('Make them with `vimax worker` on any machine pointed at this Redis; follow with `vimax batch status`.\n')
  return 0
}
