import type { RedisClient } from 'bullmq'
import { QUEUE_NAME, QUEUE_PREFIX } from './queue-settings.js'

/** A hash of worker name → when it last said it was alive (ms since epoch). */
const SEEN_KEY = `${QUEUE_PREFIX}:${QUEUE_NAME}:workers-seen`
const FORGET_AFTER_MS = 3_600_000

/**
 * A worker marks itself alive on a timer. Decision: a heartbeat key rather than BullMQ's
 * `getWorkers()` (CLIENT LIST), which managed Redis services often refuse and which forgets a
 * worker the moment its connection drops.
 */
export async function markSeen(client: RedisClient, worker: string, now: number): Promise<void> {
  await client.hset(SEEN_KEY, { [worker]: now })
  const stale = Object.entries(await client.hgetall(SEEN_KEY)).filter(([, at]) => Number(at) < now - FORGET_AFTER_MS)
  if (stale.length > 0) await client.hdel(SEEN_KEY, ...stale.map(([name]) => name))
}

/** Workers that said they were alive since `sinceMs`, most recent first. */
export async function workersSeen(client: RedisClient, sinceMs: number): Promise<string[]> {
  return Object.entries(await client.hgetall(SEEN_KEY))
    .map(([name, at]) => [name, Number(at)] as const)
    .filter(([, at]) => at >= sinceMs)
    .sort((a, b) => b[1] - a[1])
    .map(([name]) => name)
}

/** A worker that stops says so, so it is not counted for the next minute. */
export async function forgetWorker(client: RedisClient, worker: string): Promise<void> {
  await client.hdel(SEEN_KEY, worker)
}
