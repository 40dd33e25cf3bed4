import { resolveCacheLocation, type CacheLocation } from '../cache/cache-dir.js'
import { resolveRecordBackend, type RecordBackend } from '../cache/record-backend.js'
import { withDotenv } from '../config/dotenv.js'
import { loadConfig } from '../config/load-config.js'
import type { CliIo } from './io.js'

/**
 * The cache a command other than `generate` works on, found as `generate` finds it: `--cache-dir`,
 * `VIMAX_CACHE_DIR` (also from `.env`), `cache.dir` in the config, a `.vimax/` here, the default.
 * The config is read only when neither flag nor variable decides.
 */
export function cacheLocationOf(flag: string | undefined, io: CliIo): CacheLocation {
  const env = withDotenv(io.env, io.cwd)
  const decided = [flag, env.VIMAX_CACHE_DIR].some((value) => value !== undefined && value.trim() !== '')
  const configDir = decided ? undefined : loadConfig({ cwd: io.cwd, env }).cache?.dir
  return resolveCacheLocation({ flag, env, cwd: io.cwd, configDir })
}

/** The folder, after the one-line note a legacy `.vimax/` earns (on stderr: stdout stays data). */
export function cacheDirFor(flag: string | undefined, io: CliIo): string {
  const location = cacheLocationOf(flag, io)
  if (location.note) io.stderr.write(`note: ${location.note}\n`)
  return location.dir
}

/** Where the cache's records live for a maintenance command: `cache.store`, else `REDIS_URL`, else the folder. */
export function recordBackendOf(io: CliIo): RecordBackend {
  const env = withDotenv(io.env, io.cwd)
  return resolveRecordBackend({ cache: loadConfig({ cwd: io.cwd, env }).cache, env })
}
