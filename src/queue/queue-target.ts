import type { ConnectionOptions } from 'bullmq'
import { resolveRecordBackend } from '../cache/record-backend.js'
import { connectRedis } from '../cache/redis-connect.js'
import type { RedisTarget } from '../cache/redis-url.js'
import type { ConfigData } from '../config/config-schema.js'
import { ConfigError } from '../errors.js'

/**
 * The Redis the queue lives on: the cache's own (`cache.store`, else `REDIS_URL`), so one setting
 * points a machine at the team's cache and its queue. None configured is a ConfigError (exit 2).
 */
export function queueTarget(cache: ConfigData['cache'] | undefined, env: NodeJS.ProcessEnv): RedisTarget {
  const target = resolveRecordBackend({ cache, env }).redis
  if (target === undefined) {
    throw new ConfigError('the film queue needs Redis, and neither cache.store in vimax.config.yaml nor REDIS_URL names one', {
      code: 'E_QUEUE_NO_REDIS',
      hint: 'set cache.store: redis://host:6379 in vimax.config.yaml (or REDIS_URL=redis://host:6379) on every machine that queues or runs films',
    })
  }
  return target
}

/**
 * One PING through the cache's client before BullMQ connects: BullMQ retries a dead server
 * forever, while a person queuing films wants to hear at once that Redis is down. Wrong
 * credentials throw E_CACHE_STORE_AUTH (exit 2) from the probe itself.
 */
export async function checkQueueReachable(target: RedisTarget): Promise<void> {
  const connection = await connectRedis(target)
  if (!connection.ok) {
    throw new ConfigError(`${target.setting}: cannot reach Redis at ${target.shown} for the film queue (${connection.reason})`, {
      code: 'E_QUEUE_UNREACHABLE',
      hint: `start Redis or fix the host and port in ${target.setting.split(' ')[0]}`,
    })
  }
  connection.client.destroy()
}

/**
 * BullMQ's connection, as options rather than a client (it makes its own ioredis clients, with
 * the settings a blocking worker needs). The password stays inside these options.
 */
export function bullConnection(target: RedisTarget): ConnectionOptions {
  const url = new URL(target.url)
  const db = Number(url.pathname.replace(/^\//, '') || '0')
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : 6379,
    db,
    ...(url.username && { username: decodeURIComponent(url.username) }),
    ...(url.password && { password: decodeURIComponent(url.password) }),
    ...(url.protocol === 'rediss:' && { tls: {} }),
    connectTimeout: 5_000,
    // A worker's blocking reads must wait out a Redis restart rather than fail the film.
    maxRetriesPerRequest: null,
  }
}
