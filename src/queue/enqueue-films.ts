import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { Queue } from 'bullmq'
import { withDotenv } from '../config/dotenv.js'
import { loadConfig } from '../config/load-config.js'
import { resolveRunSettings } from '../config/run-settings.js'
import { ConfigError, isVimaxError } from '../errors.js'
import { loadSpec } from '../spec/load-spec.js'
import { sha256 } from '../util/digest.js'
import { filmJobId, type FilmJobData } from './film-job.js'
import { filmOutput, parseOutputBase } from './film-output.js'
import { bullConnection, checkQueueReachable, queueTarget } from './queue-target.js'
import { FILM_ATTEMPTS, QUEUE_NAME, QUEUE_PREFIX, queueTimings } from './queue-settings.js'

export interface EnqueueInput {
  readonly specPaths: readonly string[]
  readonly cwd: string
  readonly env: NodeJS.ProcessEnv
  /** A folder or `s3://bucket/prefix`; each film gets `<output>/<spec name>`. @default vimax-out */
  readonly output?: string
  readonly profile?: string
}

/** `queued`: added now; `waiting`/`active`: already on the queue; `done`: made before; `requeued`: had failed, tried again. */
export type EnqueueState = 'queued' | 'waiting' | 'active' | 'done' | 'requeued'

export interface QueuedFilm {
  readonly id: string
  readonly spec: string
  readonly output: string
  readonly state: EnqueueState
}

/** Finished films stay listed (and their ids deduplicate) until this many newer ones pushed them out. */
const KEEP_FINISHED = 5_000

/**
 * Checks every spec (and the profile against each) before touching Redis, reporting every
 * problem at once; then adds one job per film. Nothing is queued when anything is wrong.
 */
export async function enqueueFilms(input: EnqueueInput): Promise<{ readonly queue: string; readonly films: QueuedFilm[] }> {
  const env = withDotenv(input.env, input.cwd)
  const config = loadConfig({ cwd: input.cwd, env })
  const base = parseOutputBase(input.output, input.cwd)
  const films: FilmJobData[] = []
  const problems: string[] = []
  for (const given of input.specPaths) {
    const file = path.resolve(input.cwd, given)
    try {
      // loadSpec's own errors (not found, unreadable, invalid), keeping the bytes that travel in the job.
      let bytes = new Uint8Array()
      const spec = await loadSpec(file, { readFile: async (name) => (bytes = await readFile(name)) })
      resolveRunSettings({ spec, config, env, ...(input.profile !== undefined && { profile: input.profile }) })
      const output = filmOutput(base, spec.name)
      const clash = films.find((film) => film.output === output)
      if (clash) throw new ConfigError(`${given}: writes ${output}, as ${path.relative(input.cwd, clash.specPath)} does`, { code: 'E_BATCH_SPECS' })
      films.push({ v: 1, specName: spec.name, specPath: file, specBase64: Buffer.from(bytes).toString('base64'), specDigest: sha256(bytes), output, ...(input.profile !== undefined && { profile: input.profile }) })
    } catch (error) {
      if (!isVimaxError(error)) throw error
      problems.push(error.message, ...error.details.map((line) => `  ${line}`))
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(`${input.specPaths.length - films.length} of ${input.specPaths.length} specs cannot be queued; nothing was queued`, {
      code: 'E_BATCH_SPECS',
      hint: 'fix the specs listed (`vimax generate <spec> --dry-run` checks one), give specs with the same file name different names, then run vimax batch again',
      details: problems,
    })
  }
  const target = queueTarget(config.cache, env)
  await checkQueueReachable(target)
  const queue = new Queue<FilmJobData>(QUEUE_NAME, { connection: bullConnection(target), prefix: QUEUE_PREFIX })
  // A connection error also fails the command in flight; unheard, the event would end the process.
  queue.on('error', () => undefined)
  const timings = queueTimings(env)
  try {
    const queued: QueuedFilm[] = []
    for (const film of films) {
      const id = filmJobId(film)
      queued.push({ id, spec: film.specPath, output: film.output, state: await addOnce(queue, id, film, timings.retryDelayMs) })
    }
    return { queue: target.shown, films: queued }
  } finally {
    await queue.close()
  }
}

async function addOnce(queue: Queue<FilmJobData>, id: string, film: FilmJobData, retryDelayMs: number): Promise<EnqueueState> {
  const existing = await queue.getJob(id)
  if (existing) {
    const state = await existing.getState()
    if (state === 'completed') return 'done'
    if (state === 'failed') {
      await existing.retry('failed')
      return 'requeued'
    }
    if (state === 'active') return 'active'
    if (state !== 'unknown') return 'waiting'
  }
  await queue.add('film', film, {
    jobId: id,
    attempts: FILM_ATTEMPTS,
    backoff: { type: 'fixed', delay: retryDelayMs },
    removeOnComplete: { count: KEEP_FINISHED },
    removeOnFail: { count: KEEP_FINISHED },
  })
  return 'queued'
}
