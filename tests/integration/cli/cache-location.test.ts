import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../../support/run-cli.js'

const dir = tempDir()
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const spec = path.join(dir, 'lamp.yaml')
writeFileSync(spec, 'scenes:\n  - shots:\n      - { shot_id: 1, first_frame: A brass lamp., video_prompt: Slow push in. }\n')

/** No cache chosen: only the user folders (here, this test's own) decide. */
const xdg = (name: string) => ({
  VIMAX_CACHE_DIR: '',
  XDG_CACHE_HOME: path.join(dir, name, 'xdg-cache'),
  XDG_DATA_HOME: path.join(dir, name, 'xdg-data'),
})

function folder(name: string): string {
  const made = path.join(dir, name)
  mkdirSync(made, { recursive: true })
  return made
}

type Summary = { calls: Record<string, number>; cached: Record<string, number> }

describe('where the cache is', () => {
  it('by default the cache is in $XDG_CACHE_HOME/vimax and the ledger in $XDG_DATA_HOME/vimax: another folder hits the same cache', async () => {
    const env = xdg('user')
    const first = await runCli(['generate', spec, '-o', 'out', '--offline', '--json'], { cwd: folder('here'), env })
    expect(first.code, first.stderr).toBe(0)
    expect(existsSync(path.join(env.XDG_CACHE_HOME, 'vimax', 'cache.sqlite'))).toBe(true)
    expect(existsSync(path.join(env.XDG_DATA_HOME, 'vimax', 'vimax.db'))).toBe(true)
    expect(existsSync(path.join(dir, 'here', '.vimax'))).toBe(false)

    const second = await runCli(['generate', spec, '-o', 'out', '--offline', '--json'], { cwd: folder('there'), env })
    expect(second.code, second.stderr).toBe(0)
    const summary = JSON.parse(second.stdout) as Summary
    expect(summary.calls).toEqual({ chat: 0, image: 0, video: 0, speech: 0, music: 0 })
    const runs = await runCli(['runs', '--json'], { cwd: folder('elsewhere'), env })
    expect(JSON.parse(runs.stdout)).toHaveLength(2)
  }, 180_000)

  it('a .vimax/ already in the working folder is still used, with a one-line note on stderr', async () => {
    const cwd = folder('legacy')
    mkdirSync(path.join(cwd, '.vimax'))
    const run = await runCli(['generate', spec, '-o', 'out', '--offline'], { cwd, env: xdg('legacy-user') })
    expect(run.code, run.stderr).toBe(0)
    expect(existsSync(path.join(cwd, '.vimax', 'cache.sqlite'))).toBe(true)
    expect(existsSync(path.join(cwd, '.vimax', 'vimax.db'))).toBe(true)
    const notes = run.stderr.split('\n').filter((line) => line.includes(path.join(cwd, '.vimax')))
    expect(notes).toHaveLength(1)
    expect(existsSync(path.join(dir, 'legacy-user'))).toBe(false)
  })

  it('`vimax cache path` prints the cache folder and the ledger file; --json has cache_dir and ledger', async () => {
    const env = xdg('paths')
    const text = await runCli(['cache', 'path'], { cwd: folder('paths-cwd'), env })
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toContain(path.join(env.XDG_CACHE_HOME, 'vimax'))
    expect(text.stdout).toContain(path.join(env.XDG_DATA_HOME, 'vimax', 'vimax.db'))
    const json = await runCli(['cache', 'path', '--json'], { cwd: folder('paths-cwd'), env })
    expect(JSON.parse(json.stdout)).toEqual({ cache_dir: path.join(env.XDG_CACHE_HOME, 'vimax'), ledger: path.join(env.XDG_DATA_HOME, 'vimax', 'vimax.db') })
    const chosen = await runCli(['cache', 'path', '--json', '--cache-dir', 'mine'], { cwd: folder('paths-cwd'), env })
    expect(JSON.parse(chosen.stdout)).toEqual({ cache_dir: path.join(dir, 'paths-cwd', 'mine'), ledger: path.join(dir, 'paths-cwd', 'mine', 'vimax.db') })
  })

  it('cache.dir in vimax.config.yaml is used, relative to the config file, by generate and every cache command', async () => {
    const project = folder('project')
    writeFileSync(path.join(project, 'vimax.config.yaml'), 'cache:\n  dir: ../project-cache\n')
    const env = xdg('project-user')
    const shared = path.join(dir, 'project-cache')
    const paths = await runCli(['cache', 'path', '--json'], { cwd: project, env })
    expect(JSON.parse(paths.stdout)).toEqual({ cache_dir: shared, ledger: path.join(shared, 'vimax.db') })
    // VIMAX_CONFIG from another folder: still relative to the file, not to where vimax runs.
    const elsewhere = await runCli(['cache', 'path', '--json'], { cwd: folder('project-elsewhere'), env: { ...env, VIMAX_CONFIG: path.join(project, 'vimax.config.yaml') } })
    expect(JSON.parse(elsewhere.stdout)).toMatchObject({ cache_dir: shared })

    const run = await runCli(['generate', spec, '-o', 'out', '--offline', '--json'], { cwd: project, env })
    expect(run.code, run.stderr).toBe(0)
    expect(existsSync(path.join(shared, 'cache.sqlite'))).toBe(true)
    const runs = await runCli(['runs', '--json'], { cwd: project, env })
    expect(JSON.parse(runs.stdout)).toHaveLength(1)
    expect(existsSync(path.join(dir, 'project-user'))).toBe(false)
  }, 180_000)
})
