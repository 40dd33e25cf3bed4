import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cachePaths, defaultCacheDir, defaultDataDir, resolveCacheDir, resolveCacheLocation } from '../../../src/cache/cache-dir.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const home = { HOME: '/home/ada' }

describe('resolveCacheDir', () => {
  it('prefers --cache-dir, then VIMAX_CACHE_DIR, then cache.dir from the config, then the user cache folder', () => {
    const cwd = '/work/film'
    const env = { ...home, VIMAX_CACHE_DIR: '/shared' }
    expect(resolveCacheDir({ flag: 'my-cache', env, cwd, configDir: '/cfg/cache' })).toBe(path.resolve(cwd, 'my-cache'))
    expect(resolveCacheDir({ env: { ...home, VIMAX_CACHE_DIR: '/shared/vimax' }, cwd, configDir: '/cfg/cache' })).toBe('/shared/vimax')
    expect(resolveCacheDir({ env: { ...home, VIMAX_CACHE_DIR: '  ' }, cwd, configDir: '/cfg/cache' })).toBe('/cfg/cache')
    expect(resolveCacheDir({ env: home, cwd })).toBe('/home/ada/.cache/vimax')
  })

  it('the default honours XDG_CACHE_HOME and XDG_DATA_HOME (absolute only, as the XDG spec says)', () => {
    const env = { ...home, XDG_CACHE_HOME: '/xdg/cache', XDG_DATA_HOME: '/xdg/data' }
    expect(resolveCacheLocation({ env, cwd: '/work/film' })).toEqual({ dir: '/xdg/cache/vimax', ledger: '/xdg/data/vimax/vimax.db' })
    expect(defaultCacheDir({ ...home, XDG_CACHE_HOME: 'relative' })).toBe('/home/ada/.cache/vimax')
    expect(defaultDataDir(home)).toBe('/home/ada/.local/share/vimax')
  })

  it('a .vimax/ already in the working folder is still used, with a note naming it', () => {
    const cwd = path.join(root, 'project')
    mkdirSync(path.join(cwd, '.vimax'), { recursive: true })
    const location = resolveCacheLocation({ env: home, cwd })
    expect(location.dir).toBe(path.join(cwd, '.vimax'))
    expect(location.ledger).toBe(path.join(cwd, '.vimax', 'vimax.db'))
    expect(location.note).toContain(path.join(cwd, '.vimax'))
    // Anything chosen on purpose wins over it.
    expect(resolveCacheLocation({ env: home, cwd, configDir: '/cfg/cache' })).toEqual({ dir: '/cfg/cache', ledger: '/cfg/cache/vimax.db' })
  })
})

describe('cachePaths', () => {
  it('lays a chosen folder out as records, leases, ledger, blobs and temp files', () => {
    expect(cachePaths('/c')).toEqual({ dir: '/c', records: '/c/cache.sqlite', leases: '/c/leases.sqlite', ledger: '/c/vimax.db', blobs: '/c/blobs', tmp: '/c/tmp' })
    expect(cachePaths('/c', home).ledger).toBe('/c/vimax.db')
  })

  it("keeps the default cache's ledger in the data folder, however the folder was named", () => {
    expect(cachePaths('/home/ada/.cache/vimax', home).ledger).toBe('/home/ada/.local/share/vimax/vimax.db')
    expect(cachePaths('/home/ada/.cache/vimax/', home).ledger).toBe('/home/ada/.local/share/vimax/vimax.db')
  })
})
