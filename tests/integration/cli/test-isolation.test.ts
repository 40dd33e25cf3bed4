import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT, runCli, tempDir } from '../../support/run-cli.js'

const dir = tempDir()
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The person's real home, from the password database: HOME itself is the tests' own. */
const realHome = os.userInfo().homedir
const watched = [
  path.join(ROOT, '.vimax'),
  path.join(realHome, '.vimax'),
  path.join(realHome, '.cache', 'vimax'),
  path.join(realHome, '.local', 'share', 'vimax'),
]

/** What a folder holds and when each entry last changed; absent is a state too. */
function snapshot(folder: string): string {
  if (!existsSync(folder)) return 'absent'
  return readdirSync(folder, { recursive: true })
    .map((name) => `${String(name)}@${statSync(path.join(folder, String(name))).mtimeMs}`)
    .sort()
    .join('\n')
}

describe('tests keep out of the person’s own cache and run history', () => {
  it('a CLI run without --cache-dir, from the repository, leaves the repository’s .vimax and the real home untouched', async () => {
    expect(process.env.HOME).not.toBe(realHome)
    const before = watched.map(snapshot)
    const spec = path.join(ROOT, 'examples', 'clockwork-storyboard.yaml')
    // As a careless test would run it: no --cache-dir, no VIMAX_CACHE_DIR of its own, in the repository.
    const run = await runCli(['generate', spec, '-o', path.join(dir, 'out'), '--offline', '--stop-after', 'storyboard'])
    expect(run.code, run.stderr).toBe(0)
    expect(watched.map(snapshot)).toEqual(before)
    expect(existsSync(path.join(process.env.VIMAX_CACHE_DIR!, 'vimax.db'))).toBe(true)
  })

  it('the defaults behind VIMAX_CACHE_DIR point into the tests’ own home as well', async () => {
    const before = watched.map(snapshot)
    const paths = await runCli(['cache', 'path', '--json'], { cwd: dir, env: { VIMAX_CACHE_DIR: '' } })
    const location = JSON.parse(paths.stdout) as { cache_dir: string; ledger: string }
    expect(location.cache_dir.startsWith(process.env.HOME!)).toBe(true)
    expect(location.ledger.startsWith(process.env.HOME!)).toBe(true)
    expect(watched.map(snapshot)).toEqual(before)
  })
})
