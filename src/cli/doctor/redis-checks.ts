import { resolveRecordBackend } from '../../cache/record-backend.js'
import { connectRedis, errorText } from '../../cache/redis-connect.js'
import type { ConfigData } from '../../config/config-schema.js'
import { isVimaxError } from '../../errors.js'
import type { DoctorCheck } from './doctor-check.js'

const PINGS = 3

/**
 * With records on Redis (`cache.store` or `REDIS_URL`): connected and authenticated as a run
 * would, then the server's version and the best of a few PINGs. No row for the SQLite default.
 * The address is shown without its password.
 */
export async function redisChecks(cache: ConfigData['cache'], env: NodeJS.ProcessEnv): Promise<DoctorCheck[]> {
  const name = 'redis records'
  let target
  try {
    target = resolveRecordBackend({ cache, env }).redis
  } catch (error) {
    return [failed(name, error)]
  }
  if (target === undefined) return []
  let connection
  try {
    connection = await connectRedis(target)
  } catch (error) {
    return [failed(name, error)]
  }
  if (!connection.ok) {
    return [
      {
        name,
        ok: false,
        detail: `${target.shown}: cannot be reached (${connection.reason})`,
        hint: `start Redis or fix the host and port in ${target.setting.split(' ')[0]}; runs continue uncached unless cache.required is true`,
        exitCode: 2,
      },
    ]
  }
  const { client } = connection
  try {
    const info = await client.info('server')
    const version = /redis_version:(\S+)/.exec(String(info))?.[1] ?? 'unknown version'
    let best = Infinity
    for (let ping = 0; ping < PINGS; ping++) {
      const start = performance.now()
      await client.ping()
      best = Math.min(best, performance.now() - start)
    }
    return [{ name, ok: true, detail: `${target.shown}: Redis ${version} · PING ${best < 1 ? best.toFixed(2) : Math.round(best)} ms` }]
  } catch (error) {
    return [{ name, ok: false, detail: `${target.shown}: ${target.redactor.redact(errorText(error))}`, hint: 'check that the user may run INFO and PING', exitCode: 2 }]
  } finally {
    client.destroy()
  }
}

function failed(name: string, error: unknown): DoctorCheck {
  if (isVimaxError(error)) return { name, ok: false, detail: error.message, ...(error.hint && { hint: error.hint }), exitCode: 2 }
  return { name, ok: false, detail: errorText(error), exitCode: 2 }
}
