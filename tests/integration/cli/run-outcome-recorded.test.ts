import { existsSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../../support/run-cli.js'
import { spawnCli } from '../../support/spawn-cli.js'

const dir = tempDir()
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const spec = path.join(dir, 'kettle.yaml')
writeFileSync(
  spec,
  `
scenes:
  - shots:
      - { shot_id: 1, first_frame: A kettle on a stove., video_prompt: Slow push in. }
      - { shot_id: 2, first_frame: Steam fills a window., video_prompt: Static wide. }
`,
)

function runStatuses(cacheDir: string): string[] {
  const db = new Database(path.join(cacheDir, 'vimax.db'), { readonly: true })
  try {
    return (db.prepare('SELECT status FROM runs').all() as { status: string }[]).map((row) => row.status)
  } finally {
    db.close()
  }
}

describe('a run records its outcome whatever happens to its output', () => {
  it('stdout and stderr closed by the reader after the first bytes (`| head -3`): the run finishes, exit 0, manifest written, ledger complete', async () => {
    const cacheDir = path.join(dir, 'pipes-cache')
    const out = path.join(dir, 'pipes-out')
    // Slow clips keep the run printing progress well after its readers are gone.
    const live = spawnCli(['generate', spec, '-o', out, '--offline'], { env: { VIMAX_CACHE_DIR: cacheDir, VIMAX_OFFLINE_LATENCY: 'video=1s' } })
    live.child.stderr.once('data', () => {
      live.child.stdout.destroy()
      live.child.stderr.destroy()
    })
    const { code } = await live.exit()
    expect(code).toBe(0)
    expect(existsSync(path.join(out, 'manifest.json'))).toBe(true)
    expect(existsSync(path.join(out, 'film.mp4'))).toBe(true)
    expect(runStatuses(cacheDir)).toEqual(['complete'])
  })

  it('a run killed with SIGKILL is shown as interrupted, not running, by `vimax runs` and `runs show`', async () => {
    const cacheDir = path.join(dir, 'killed-cache')
    const env = { VIMAX_CACHE_DIR: cacheDir }
    // Clips take a minute: the kill always lands mid-run.
    const live = spawnCli(['generate', spec, '-o', path.join(dir, 'killed-out'), '--offline'], { env: { ...env, VIMAX_OFFLINE_LATENCY: 'video=60s' } })
    await live.waitFor(/frames 2\/2/)
    expect(runStatuses(cacheDir)).toEqual(['running'])
    live.child.kill('SIGKILL')
    expect((await live.exit()).signal).toBe('SIGKILL')

    const runs = await runCli(['runs', '--json'], { env })
    expect(runs.code, runs.stderr).toBe(0)
    const [row] = JSON.parse(runs.stdout) as { id: string; status: string }[]
    expect(row?.status).toBe('interrupted')
    const shown = await runCli(['runs', 'show', row!.id, '--json'], { env })
    expect((JSON.parse(shown.stdout) as { run: { status: string } }).run.status).toBe('interrupted')
  })
})
