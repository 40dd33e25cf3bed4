import { statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface CacheDirInput {
  /** `--cache-dir`, as typed. */
  readonly flag?: string | undefined
  /** The environment: `VIMAX_CACHE_DIR`, `XDG_CACHE_HOME`, `XDG_DATA_HOME` and `HOME` are read from it. */
  readonly env?: NodeJS.ProcessEnv | undefined
  readonly cwd: string
  /** `cache.dir` from the config, already resolved against the config file's folder. */
  readonly configDir?: string | undefined
}

/** Where a command's cache and ledger are, and why, for a person who wonders. */
export interface CacheLocation {
  readonly dir: string
  readonly ledger: string
  /** A one-line notice for the person (only cli/ prints it): set when a legacy `.vimax/` is used. */
  readonly note?: string
}

/** The folder earlier versions kept in the working folder; still used where it exists. */
export const LEGACY_CACHE_DIR = '.vimax'

/**
 * `--cache-dir`, else `VIMAX_CACHE_DIR`, else `cache.dir` in the config, else a `.vimax/` already in
 * the working folder (with a note), else the user's cache folder: the same spec from any folder
 * hits the same cache. Always absolute.
 */
export function resolveCacheLocation(input: CacheDirInput): CacheLocation {
  const env = input.env ?? {}
  const chosen = nonEmpty(input.flag) ?? nonEmpty(env.VIMAX_CACHE_DIR) ?? nonEmpty(input.configDir)
  if (chosen !== undefined) {
    const dir = path.resolve(input.cwd, chosen)
    return { dir, ledger: cachePaths(dir, env).ledger }
  }
  const legacy = path.resolve(input.cwd, LEGACY_CACHE_DIR)
  if (isDirectory(legacy)) {
    const note = `using the cache in ${legacy} (found in this folder); without it the cache is ${defaultCacheDir(env)} — set cache.dir in vimax.config.yaml to keep a project cache`
    return { dir: legacy, ledger: cachePaths(legacy, env).ledger, note }
  }
  const dir = defaultCacheDir(env)
  return { dir, ledger: cachePaths(dir, env).ledger }
}

/** The folder alone, for callers that print no note. */
export function resolveCacheDir(input: CacheDirInput): string {
  return resolveCacheLocation(input).dir
}

/** `$XDG_CACHE_HOME/vimax`, else `~/.cache/vimax`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  return path.join(xdgHome(env, 'XDG_CACHE_HOME', '.cache'), 'vimax')
}

/** `$XDG_DATA_HOME/vimax`, else `~/.local/share/vimax`: the default cache's ledger (run history is not a cache). */
export function defaultDataDir(env: NodeJS.ProcessEnv): string {
  return path.join(xdgHome(env, 'XDG_DATA_HOME', path.join('.local', 'share')), 'vimax')
}

/** Everything vimax keeps in a cache folder. */
export interface CachePaths {
  readonly dir: string
  /** Keyv records (chat, image, video, job). */
  readonly records: string
  /** Call leases between processes sharing this folder (sqlite-lease-store.ts). */
  readonly leases: string
  /** The ledger of runs and calls. */
  readonly ledger: string
  readonly blobs: string
  readonly tmp: string
}

/**
 * A cache folder's files. A chosen folder (a project's cache) keeps its ledger inside it; the
 * default one — known only with `env` — keeps it in the user's data folder, since cleaners may
 * wipe caches but the run history should stay.
 */
export function cachePaths(cacheDir: string, env?: NodeJS.ProcessEnv): CachePaths {
  const isDefault = env !== undefined && path.resolve(cacheDir) === path.resolve(defaultCacheDir(env))
  return {
    dir: cacheDir,
    records: path.join(cacheDir, 'cache.sqlite'),
    leases: path.join(cacheDir, 'leases.sqlite'),
    ledger: isDefault ? path.join(defaultDataDir(env), 'vimax.db') : path.join(cacheDir, 'vimax.db'),
    blobs: path.join(cacheDir, 'blobs'),
    tmp: path.join(cacheDir, 'tmp'),
  }
}

/** The XDG base directory spec: a relative value is invalid and ignored. */
function xdgHome(env: NodeJS.ProcessEnv, variable: string, fallback: string): string {
  const value = nonEmpty(env[variable])
  if (value !== undefined && path.isAbsolute(value)) return value
  return path.join(nonEmpty(env.HOME) ?? os.homedir(), fallback)
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory()
  } catch {
    return false
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value
}
