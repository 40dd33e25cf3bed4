import { Queue, type Job } from 'bullmq'
import type { RedisTarget } from '../cache/redis-url.js'
import type { FilmJobData, FilmJobResult } from './film-job.js'
import { parseFailure } from './job-failure.js'
import { bullConnection, checkQueueReachable } from './queue-target.js'
import { QUEUE_NAME, QUEUE_PREFIX } from './queue-settings.js'
import { workersSeen } from './workers-seen.js'

export type FilmState = 'queued' | 'active' | 'done' | 'failed'

/** One film of `vimax batch status` (README "Batches"; the JSON fields are these, snake_cased). */
export interface FilmStatus {
  readonly id: string
  readonly spec: string
  readonly state: FilmState
  /** The film's folder or `s3://` prefix. */
  readonly output: string
  /** film.mp4 itself (a path or `s3://` URL) once done. */
  readonly film?: string
  readonly filmBytes?: number
  readonly worker?: string
  readonly attempts: number
  readonly errorCode?: string
  readonly error?: string
  readonly runId?: string
}

export interface BatchStatus {
  readonly counts: Readonly<Record<FilmState, number>>
  readonly films: readonly FilmStatus[]
  /** Workers alive in the last minute. */
  readonly workers: readonly string[]
}

/** BullMQ's states, folded into the four a person asks about; a retry waiting out its delay is queued. */
const STATES: ReadonlyArray<readonly [FilmState, ReadonlyArray<'waiting' | 'prioritized' | 'delayed' | 'paused' | 'active' | 'completed' | 'failed'>]> = [
  ['queued', ['waiting', 'prioritized', 'delayed', 'paused']],
  ['active', ['active']],
  ['done', ['completed']],
  ['failed', ['failed']],
]

const SEEN_WINDOW_MS = 60_000

/** Reads the queue: counts per state and one row per film kept, oldest first. */
export async function readBatchStatus(target: RedisTarget, options: { readonly now?: number } = {}): Promise<BatchStatus> {
  await checkQueueReachable(target)
  const queue = new Queue<FilmJobData, FilmJobResult>(QUEUE_NAME, { connection: bullConnection(target), prefix: QUEUE_PREFIX })
  queue.on('error', () => undefined)
  try {
    const films: FilmStatus[] = []
    const counts = { queued: 0, active: 0, done: 0, failed: 0 }
    for (const [state, types] of STATES) {
      const jobs = await queue.getJobs([...types], 0, -1, true)
      for (const job of jobs) if (job) films.push(filmStatus(job as Job<FilmJobData, FilmJobResult>, state))
      counts[state] = films.filter((film) => film.state === state).length
    }
    films.sort((a, b) => a.spec.localeCompare(b.spec) || a.output.localeCompare(b.output))
    const workers = await workersSeen(await queue.client, (options.now ?? Date.now()) - SEEN_WINDOW_MS)
    return { counts, films, workers }
  } finally {
    await queue.close()
  }
}

function filmStatus(job: Job<FilmJobData, FilmJobResult>, state: FilmState): FilmStatus {
  const result = state === 'done' ? (job.returnvalue as FilmJobResult | null) : null
  const failure = state === 'failed' ? parseFailure(job.failedReason) : undefined
  const worker = result?.worker ?? job.processedBy
  return {
    id: job.id ?? '',
    spec: job.data.specPath,
    state,
    output: job.data.output,
    ...(result && { film: result.film, filmBytes: result.filmBytes, runId: result.runId }),
    ...(worker && { worker }),
    attempts: job.attemptsMade,
    ...(failure && { errorCode: failure.code, error: failure.message }),
  }
}
