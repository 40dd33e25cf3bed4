import type { ConfigData } from '../config/config-schema.js'
import { resolveCacheTtls, type CacheTtls } from './cache-ttl.js'
import { parseRedisUrl, type RedisTarget } from './redis-url.js'
import { isS3Url } from './s3-location.js'

/** Where a run's records live and for how long: read from the config and the environment, once. */
export interface RecordBackend {
  /** The team store; absent: the SQLite file in the cache folder. */
  readonly redis?: RedisTarget
  /** `cache.required`: a store that cannot be reached fails the command (exit 2) rather than running uncached. */
  readonly required: boolean
  readonly ttls: CacheTtls
}

/** The default: SQLite, no lifetimes, never required. */
export const LOCAL_BACKEND: RecordBackend = { required: false, ttls: {} }

/**
 * `cache.store` (a vimax setting) wins over `REDIS_URL` (which other tools on the machine may set
 * too); `cache.store: sqlite` keeps the local file even where `REDIS_URL` is set. Throws a
 * `ConfigError` (exit 2) for a malformed URL or lifetime, before anything is opened.
 */
export function resolveRecordBackend(input: { readonly cache?: ConfigData['cache'] | undefined; readonly env: NodeJS.ProcessEnv }): RecordBackend {
  const { cache, env } = input
  const ttls = resolveCacheTtls(cache?.ttl, env.VIMAX_CACHE_TTL)
  const required = cache?.required === true
  const configured = cache?.store?.trim()
  if (configured) {
    if (configured.toLowerCase() === 'sqlite') return { required, ttls }
    return { redis: parseRedisUrl(configured, 'cache.store (vimax.config.yaml)'), required, ttls }
  }
  const fromEnv = env.REDIS_URL?.trim()
  return fromEnv ? { redis: parseRedisUrl(fromEnv, 'REDIS_URL'), required, ttls } : { required, ttls }
}

/**
 * Records on a team Redis must point at media every machine can read. When the bucket
 * `cache.blobs` names was out of reach (the run fell back to its folder), its records stay in
 * the folder too: otherwise the other machines would find records whose media they cannot
 * fetch, and pay for those calls again.
 */
export function backendBesideBlobs(
  backend: RecordBackend,
  input: { readonly blobsSetting: string | undefined; readonly blobs: { readonly shared?: boolean }; readonly warn: (message: string) => void },
): RecordBackend {
  if (backend.redis === undefined || input.blobs.shared === true || !isS3Url(input.blobsSetting ?? '')) return backend
  input.warn(`cache: with the bucket out of reach, this run also keeps its records in the cache folder rather than on Redis at ${backend.redis.shown}`)
  return { required: backend.required, ttls: backend.ttls }
}
