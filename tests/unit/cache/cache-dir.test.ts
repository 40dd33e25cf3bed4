import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cachePaths, resolveCacheDir } from '../../../src/cache/cache-dir.js'

describe('resolveCacheDir', () => {
  it('prefers --cache-dir, then VIMAX_CACHE_DIR, then .vimax/ in the working directory', () => {
    const cwd = '/work/film'
    expect(resolveCacheDir({ flag: 'my-cache', env: { VIMAX_CACHE_DIR: '/shared' }, cwd })).toBe(path.resolve(cwd, 'my-cache'))
    expect(resolveCacheDir({ env: { VIMAX_CACHE_DIR: '/shared/vimax' }, cwd })).toBe('/shared/vimax')
    expect(resolveCacheDir({ env: { VIMAX_CACHE_DIR: '  ' }, cwd })).toBe('/work/film/.vimax')
    expect(resolveCacheDir({ cwd })).toBe('/work/film/.vimax')
  })

  it('lays the folder out as records, ledger, blobs and temp files', () => {
    expect(cachePaths('/c')).toEqual({ dir: '/c', records: '/c/cache.sqlite', ledger: '/c/vimax.db', blobs: '/c/blobs', tmp: '/c/tmp' })
  })
})
