import { createClient } from '@keyv/redis'
import { ConfigError } from '../errors.js'
import type { RedisTarget } from './redis-url.js'

export type RedisClient = ReturnType<typeof makeClient>

/** What opening a connection found: a client that answered PING, or why there is none. */
export type RedisConnection =
  | { readonly ok: true; readonly client: RedisClient; readonly pingMs: number }
  | { readonly ok: false; readonly reason: string }

// Generous: a run that gives up on a busy (not dead) Redis goes uncached and pays again for what the team has.
const CONNECT_TIMEOUT_MS = 10_000
const RECONNECT_CAP_MS = 2_000

/**
 * Connects and sends one PING. Wrong credentials throw a `ConfigError` (exit 2) naming the
 * setting: retrying cannot fix them. A server that cannot be reached is a value, not an error —
 * the caller decides between running uncached and failing. The first connection is tried once;
 * once up, a lost connection is retried with a capped backoff while commands fail fast (no
 * offline queue), so a run never waits on a Redis that went away.
 */
export async function connectRedis(target: RedisTarget, options: { readonly timeoutMs?: number } = {}): Promise<RedisConnection> {
  const timeoutMs = options.timeoutMs ?? CONNECT_TIMEOUT_MS
  let connected = false
  const client = makeClient(target.url, timeoutMs, () => connected)
  // Socket errors are reported through the failed commands (and the store's one warning); an
  // 'error' event without a listener would crash the process.
  client.on('error', () => undefined)
  const started = performance.now()
  try {
    await withTimeout(client.connect(), timeoutMs, 'connecting')
    connected = true
    await withTimeout(client.ping(), timeoutMs, 'waiting for PING')
    return { ok: true, client, pingMs: performance.now() - started }
  } catch (error) {
    try {
      client.destroy()
    } catch {
      // never opened: nothing to close
    }
    const reason = target.redactor.redact(errorText(error))
    if (isAuthError(reason)) {
      throw new ConfigError(`${target.setting}: Redis at ${target.shown} refused the credentials (${reason})`, {
        code: 'E_CACHE_STORE_AUTH',
        hint: `put the right user and password in ${target.setting.split(' ')[0]} (redis://user:password@host:port), as the server's requirepass or ACL says`,
      })
    }
    return { ok: false, reason }
  }
}

function makeClient(url: string, timeoutMs: number, connected: () => boolean) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: timeoutMs,
      reconnectStrategy: (retries: number, cause: Error) => (connected() ? Math.min(100 * 2 ** retries, RECONNECT_CAP_MS) : cause),
    },
  })
}

/** The exit-2 error for `cache.required: true` when the store is down. */
export function unreachableError(target: RedisTarget, reason: string): ConfigError {
  return new ConfigError(`${target.setting}: cannot reach Redis at ${target.shown} (${reason}), and cache.required is true`, {
    code: 'E_CACHE_STORE_UNREACHABLE',
    hint: `start Redis or fix the host and port in ${target.setting.split(' ')[0]}; or set cache.required: false to run uncached`,
  })
}

export function isAuthError(text: string): boolean {
  return /\b(WRONGPASS|NOAUTH|NOPERM)\b|invalid password|invalid username-password/i.test(text)
}

export function errorText(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return errorText(error.errors[0])
  const message = error instanceof Error ? error.message : String(error)
  return message.trim() || (error instanceof Error ? error.name : 'unknown error')
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer after ${ms} ms ${what}`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
