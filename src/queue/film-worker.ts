import os from 'node:os'
import { Queue, WaitingError, Worker } from 'bullmq'
import type { RedisTarget } from '../cache/redis-url.js'
import { withDotenv } from '../config/dotenv.js'
import { CancelledError } from '../errors.js'
import type { PipelineEvent } from '../pipeline/events.js'
import { redactorFromEnv } from '../run/env-secrets.js'
import type { FilmJobData, FilmJobResult } from './film-job.js'
import { jobFailure } from './job-failure.js'
import { bullConnection } from './queue-target.js'
import { MAX_STALLS, QUEUE_NAME, QUEUE_PREFIX, queueTimings } from './queue-settings.js'
import { runFilmJob } from './run-film-job.js'
import { forgetWorker, markSeen } from './workers-seen.js'

/** What a worker tells its caller about each film. */
export type FilmJobEvent =
  | { readonly type: 'start'; readonly id: string; readonly spec: string; readonly attempt: number }
  | { readonly type: 'done'; readonly id: string; readonly spec: string; readonly result: FilmJobResult }
  | { readonly type: 'failed'; readonly id: string; readonly spec: string; readonly reason: string }
  | { readonly type: 'requeued'; readonly id: string; readonly spec: string }

export interface FilmWorkerOptions {
  readonly target: RedisTarget
  readonly cwd: string
  readonly env: NodeJS.ProcessEnv
  readonly cacheDir?: string
  /** Films made at once in this process. @default 1 */
  readonly concurrency?: number
  /** Stop once nothing is waiting, delayed or active on the queue (any worker's). */
  readonly untilEmpty?: boolean
  readonly onJob?: (event: FilmJobEvent) => void
  readonly onEvent?: (jobId: string, event: PipelineEvent) => void
  readonly onWarning?: (message: string) => void
}

export interface FilmWorker {
  /** `host:pid`: what `batch status` shows as the film's worker. */
  readonly name: string
  /** Takes no new film; films in progress stop as `generate` stops on Ctrl-C and go back on the queue. */
  stop(): void
  /** Settles once the worker has closed its connections. */
  readonly closed: Promise<void>
}

/**
 * Consumes the film queue. A claim on a film is a BullMQ lock renewed while the film runs; a
 * worker killed outright stops renewing it, and another worker takes the film over once it
 * lapses — its paid calls come back from the shared cache, and a started video job is resumed.
 */
export function startFilmWorker(options: FilmWorkerOptions): FilmWorker {
  const name = `${os.hostname()}:${process.pid}`
  const timings = queueTimings(options.env)
  const redactor = redactorFromEnv(withDotenv(options.env, options.cwd))
  const warn = (message: string) => options.onWarning?.(redactor.redact(message))
  const abort = new AbortController()
  const connection = bullConnection(options.target)
  const queue = new Queue(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX })
  queue.on('error', (error) => warn(`queue: ${error.message}`))
  let running = 0
  const worker = new Worker<FilmJobData, FilmJobResult>(
    QUEUE_NAME,
    async (job, token) => {
      const id = job.id ?? ''
      const spec = job.data.specPath
      running += 1
      options.onJob?.({ type: 'start', id, spec, attempt: job.attemptsMade + 1 })
      try {
        const result = await runFilmJob(id, job.data, {
          cwd: options.cwd,
          env: options.env,
          ...(options.cacheDir !== undefined && { cacheDir: options.cacheDir }),
          worker: name,
          stop: abort.signal,
          onEvent: (event) => options.onEvent?.(id, event),
          onWarning: warn,
        })
        options.onJob?.({ type: 'done', id, spec, result })
        return result
      } catch (error) {
        if (error instanceof CancelledError && abort.signal.aborted) {
          // Stopped on purpose: another worker (or this one, restarted) carries on from the cache.
          await job.moveToWait(token)
          options.onJob?.({ type: 'requeued', id, spec })
          throw new WaitingError()
        }
        const failure = jobFailure(error, redactor)
        options.onJob?.({ type: 'failed', id, spec, reason: failure.message })
        throw failure
      } finally {
        running -= 1
      }
    },
    {
      connection,
      prefix: QUEUE_PREFIX,
      name,
      concurrency: options.concurrency ?? 1,
      lockDuration: timings.lockMs,
      stalledInterval: timings.stalledIntervalMs,
      maxStalledCount: MAX_STALLS,
    },
  )
  worker.on('error', (error) => warn(`worker: ${error.message}`))
  const beat = async () => markSeen(await queue.client, name, Date.now()).catch((error: unknown) => warn(`heartbeat: ${String(error)}`))
  void beat()
  const heartbeat = setInterval(() => void beat(), Math.min(15_000, timings.lockMs))
  const drain = options.untilEmpty ? setInterval(() => void stopWhenEmpty(), Math.min(1_000, timings.lockMs)) : undefined
  let stopping: Promise<void> | undefined
  let settle: () => void = () => undefined
  const closed = new Promise<void>((resolve) => (settle = resolve))
  const stop = () => {
    stopping ??= (async () => {
      clearInterval(heartbeat)
      if (drain) clearInterval(drain)
      abort.abort()
      await worker.close()
      await forgetWorker(await queue.client, name).catch(() => undefined)
      await queue.close()
      settle()
    })()
  }
  const stopWhenEmpty = async () => {
    if (running > 0 || stopping) return
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'paused').catch(() => undefined)
    if (counts && Object.values(counts).every((count) => count === 0) && running === 0) stop()
  }
  return { name, stop, closed }
}
