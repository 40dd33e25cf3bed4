import { randomBytes } from 'node:crypto'
import { createRateWindow, RATE_WINDOW_MS, type RateGate } from '../pipeline/rate-gate.js'
import { sleep as realSleep, type Sleep } from '../util/sleep.js'
import { connectRedis, errorText, withTimeout, type RedisClient } from './redis-connect.js'
import type { RedisTarget } from './redis-url.js'

export interface SharedRateGate extends RateGate {
  close(): Promise<void>
}

export interface RedisRateGateOptions {
  readonly target: RedisTarget
  readonly warn: (message: string) => void
  /** @default 60 s (requests per minute) */
  readonly windowMs?: number
  /** Keys are `<prefix>:rate:<provider>:<kind>`: one colon, so never under Keyv's `<prefix>::` records. @default "vimax" */
  readonly prefix?: string
  /** Longest wait for one Redis answer before this start is counted locally instead. @default 3 s */
  readonly timeoutMs?: number
  readonly sleep?: Sleep
  /** The clock of the fallback window (Redis counts on its own). */
  readonly now?: () => number
}

/**
 * One sorted set per lane, scored by start time on the Redis server's own clock (machines' clocks
 * differ): the script trims starts older than the window, counts, and either records this start
 * or answers how long until the oldest one that blocks it leaves. Trim, count and add are one
 * atomic step, so two processes can never both take the last place.
 */
const ADMIT = `
local key = KEYS[1]
local rpm = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count < rpm then
  redis.call('ZADD', key, now, ARGV[3])
  redis.call('PEXPIRE', key, window)
  return 0
end
local blocking = redis.call('ZRANGE', key, count - rpm, count - rpm, 'WITHSCORES')
return math.max(1, tonumber(blocking[2]) + window - now)
`

/**
 * A lane's `rpm` held across every process sharing one Redis (`cache.store: redis://…`). Returns
 * undefined, after one warning, when Redis cannot be reached: each run then keeps its own limit.
 * A Redis error mid-run warns once and counts that start in this process's window, which also
 * holds every start Redis admitted, so the fallback knows what this process already did.
 */
export async function openRedisRateGate(options: RedisRateGateOptions): Promise<SharedRateGate | undefined> {
  const { target, warn } = options
  const timeoutMs = options.timeoutMs ?? 3_000
  const connection = await connectRedis(target, { timeoutMs }).catch((error: unknown) => ({ ok: false as const, reason: errorText(error) }))
  if (!connection.ok) {
    warn(`rate limits: cannot reach Redis at ${target.shown} (${target.redactor.redact(connection.reason)}); each run keeps its own requests-per-minute`)
    return undefined
  }
  return wrap(connection.client, options)
}

function wrap(client: RedisClient, options: RedisRateGateOptions): SharedRateGate {
  const windowMs = options.windowMs ?? RATE_WINDOW_MS
  const timeoutMs = options.timeoutMs ?? 3_000
  const prefix = options.prefix ?? 'vimax'
  const sleep = options.sleep ?? realSleep
  const local = createRateWindow({ windowMs, ...(options.now && { now: options.now }) })
  const tag = randomBytes(6).toString('hex')
  let counter = 0
  let warned = false
  const shared = async (lane: string, rpm: number): Promise<number> => {
    const member = `${tag}:${++counter}`
    const answer = await withTimeout(client.eval(ADMIT, { keys: [`${prefix}:rate:${lane}`], arguments: [String(rpm), String(windowMs), member] }), timeoutMs, 'counting a call start')
    return Number(answer)
  }
  return {
    async admit(lane, rpm, signal) {
      for (;;) {
        let wait: number
        try {
          wait = await shared(lane, rpm)
          if (wait === 0) local.note(lane)
        } catch (error) {
          if (!warned) {
            warned = true
            options.warn(`rate limits: Redis at ${options.target.shown} did not answer (${options.target.redactor.redact(errorText(error))}); requests-per-minute are counted per run until it does`)
          }
          wait = local.tryStart(lane, rpm)
        }
        if (wait === 0) return
        await sleep(wait, signal)
      }
    },
    async close() {
      try {
        await withTimeout(client.close(), timeoutMs, 'closing')
      } catch {
        client.destroy()
      }
    },
  }
}
