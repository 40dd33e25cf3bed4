import { Queue } from 'bullmq'
import type { RedisTarget } from '../cache/redis-url.js'
import type { FilmState } from './batch-status.js'
import { bullConnection } from './queue-target.js'
import { QUEUE_NAME, QUEUE_PREFIX } from './queue-settings.js'
import { workersSeen } from './workers-seen.js'

export interface QueueHealth {
  readonly counts: Readonly<Record<FilmState, number>>
  /** Workers alive in the last minute, most recent first. */
  readonly workers: readonly string[]
}

/** The queue's depth by state and the workers seen lately, without reading each film (for doctor). */
export async function readQueueHealth(target: RedisTarget, now = Date.now()): Promise<QueueHealth> {
  const queue = new Queue(QUEUE_NAME, { connection: bullConnection(target), prefix: QUEUE_PREFIX })
  queue.on('error', () => undefined)
  try {
    const raw = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'paused', 'active', 'completed', 'failed')
    const count = (...states: string[]) => states.reduce((sum, state) => sum + (raw[state] ?? 0), 0)
    const counts = { queued: count('waiting', 'prioritized', 'delayed', 'paused'), active: count('active'), done: count('completed'), failed: count('failed') }
    return { counts, workers: await workersSeen(await queue.client, now - 60_000) }
  } finally {
    await queue.close()
  }
}
