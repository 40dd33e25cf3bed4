import path from 'node:path'

export interface CacheDirInput {
  /** `--cache-dir`, as typed. */
  readonly flag?: string | undefined
  /** The environment; `VIMAX_CACHE_DIR` is read from it. */
  readonly env?: NodeJS.ProcessEnv | undefined
  readonly cwd: string
}

/** `--cache-dir`, else `VIMAX_CACHE_DIR`, else `.vimax/` in the working directory; always absolute. */
export function resolveCacheDir(input: CacheDirInput): string {
  const chosen = nonEmpty(input.flag) ?? nonEmpty(input.env?.VIMAX_CACHE_DIR) ?? '.vimax'
  return path.resolve(input.cwd, chosen)
}

/** Everything vimax keeps in a cache folder. */
export interface CachePaths {
  readonly dir: string
  /** Keyv records (chat, image, video, job). */
  readonly records: string
  /** The ledger of runs and calls. */
  readonly ledger: string
  readonly blobs: string
  readonly tmp: string
}

export function cachePaths(cacheDir: string): CachePaths {
  return {
    dir: cacheDir,
    records: path.join(cacheDir, 'cache.sqlite'),
    ledger: path.join(cacheDir, 'vimax.db'),
    blobs: path.join(cacheDir, 'blobs'),
    tmp: path.join(cacheDir, 'tmp'),
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value
}
