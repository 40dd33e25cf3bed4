import { parseDuration } from '../config/parse-duration.js'

/** BullMQ's keys start here, apart from the cache's records and the lanes' limiter keys on the same Redis. */
export const QUEUE_PREFIX = 'vimax-queue'
export const QUEUE_NAME = 'films'

/** Per-film attempts: a provider failure gets one more try; a worker that dies is not counted here. */
export const FILM_ATTEMPTS = 2
/** Times a film may be orphaned by a dead worker before it is failed rather than handed on again. */
export const MAX_STALLS = 3

/** How long a worker's claim on a film lasts without renewal (renewed every half of it). */
export interface QueueTimings {
  readonly lockMs: number
  readonly stalledIntervalMs: number
  readonly retryDelayMs: number
}

/**
 * Decision: a 10 s lock checked every 10 s hands a film of a worker killed -9 to another worker
 * within about 20–30 s, yet a worker whose event loop pauses a few seconds (ffmpeg output, GC)
 * keeps its film. `VIMAX_QUEUE_LOCK` (e.g. 3s) shortens both, for tests and quick failover.
 */
export function queueTimings(env: NodeJS.ProcessEnv): QueueTimings {
  const text = env.VIMAX_QUEUE_LOCK?.trim()
  const lockMs = text ? Math.max(1_000, parseDuration(text, 'VIMAX_QUEUE_LOCK')) : 10_000
  return { lockMs, stalledIntervalMs: lockMs, retryDelayMs: Math.min(5_000, lockMs) }
}
