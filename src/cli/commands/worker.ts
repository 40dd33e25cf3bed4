import path from 'node:path'
import { withDotenv } from '../../config/dotenv.js'
import { loadConfig } from '../../config/load-config.js'
import { startFilmWorker, type FilmJobEvent } from '../../queue/film-worker.js'
import { checkQueueReachable, queueTarget } from '../../queue/queue-target.js'
import type { CliIo } from '../io.js'
import { handleInterrupts } from '../interrupts.js'
import { jsonStyle } from '../json-style.js'
import { createPlainReporter } from '../reporters/plain-reporter.js'
import type { Reporter } from '../reporters/reporter.js'

export interface WorkerFlags {
  readonly concurrency?: number
  readonly cacheDir?: string
  readonly untilEmpty?: boolean
  readonly quiet?: boolean
  /** One JSON line per film event on stdout (README "Batches"). */
  readonly json?: boolean
}

/**
 * `vimax worker`: makes queued films, each with the same run as `vimax generate`, until stopped.
 * The first SIGINT/SIGTERM stops taking films and stops the films in progress as the first Ctrl-C
 * stops `generate` (in-flight calls finish, video jobs stay resumable), puts them back on the
 * queue, then exits 130; a second quits at once (another worker takes the films over once their
 * lock lapses). `--until-empty` exits 0 once nothing is queued or being made.
 */
export async function workerCommand(flags: WorkerFlags, io: CliIo): Promise<number> {
  const env = withDotenv(io.env, io.cwd)
  const target = queueTarget(loadConfig({ cwd: io.cwd, env }).cache, env)
  await checkQueueReachable(target)
  const reporters = new Map<string, Reporter>()
  const progress = !flags.quiet && !flags.json
  const say = (text: string) => io.stderr.write(`${text}\n`)
  let interrupted = false
  const worker = startFilmWorker({
    target,
    cwd: io.cwd,
    env: io.env,
    ...(flags.cacheDir !== undefined && { cacheDir: path.resolve(io.cwd, flags.cacheDir) }),
    concurrency: flags.concurrency ?? 1,
    ...(flags.untilEmpty && { untilEmpty: true }),
    onJob: (event) => {
      if (event.type === 'start') reporters.set(event.id, createPlainReporter(prefixed(io, path.basename(event.spec)), { progress, planned: false }))
      if (event.type !== 'start') reporters.get(event.id)?.close()
      if (event.type !== 'start') reporters.delete(event.id)
      say(describe(event))
      if (flags.json) {
        const { type, ...facts } = event
        io.stdout.write(`${JSON.stringify(jsonStyle({ event: type, worker: worker.name, ...facts }))}\n`)
      }
    },
    onEvent: (id, event) => reporters.get(id)?.event(event),
    onWarning: (message) => say(`warning: ${message}`),
  })
  say(`worker ${worker.name} on ${target.shown}: making up to ${flags.concurrency ?? 1} film(s) at once${flags.untilEmpty ? ' until the queue is empty' : ''}`)
  const dispose = handleInterrupts(io, () => {
    interrupted = true
    say('worker: taking no new films; films in progress go back on the queue')
    worker.stop()
  })
  try {
    await worker.closed
  } finally {
    dispose()
  }
  return interrupted ? 130 : 0
}

function describe(event: FilmJobEvent): string {
  const film = `${event.id} ${path.basename(event.spec)}`
  if (event.type === 'start') return `${film}: started (attempt ${event.attempt})`
  if (event.type === 'done') return `${film}: done → ${event.result.film} (${event.result.calls} calls, ${event.result.cached} cached, ${event.result.resumed} resumed)`
  if (event.type === 'requeued') return `${film}: stopped; back on the queue`
  return `${film}: failed: ${event.reason}`
}

/** Each film's progress lines start with its spec's file name, so concurrent films stay readable. */
function prefixed(io: CliIo, label: string): CliIo {
  return { ...io, stderr: { isTTY: false, write: (text: string) => io.stderr.write(text.replace(/^(?=.)/gm, `[${label}] `)) } }
}
