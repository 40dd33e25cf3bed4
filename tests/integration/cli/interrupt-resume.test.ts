import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../../support/run-cli.js'
import { spawnCli } from '../../support/spawn-cli.js'

const dir = tempDir()
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const SPEC = `
scenes:
  - shots:
      - { shot_id: 1, first_frame: A kettle on a stove., video_prompt: Slow push in. }
      - { shot_id: 2, first_frame: Steam fills a window., video_prompt: Static wide. }
      - { shot_id: 3, first_frame: A cup on a saucer., video_prompt: Pan left. }
`

type Summary = { calls: Record<string, number>; cached: Record<string, number>; resumed: Record<string, number>; shots: number; run_id: string }

function setup(name: string) {
  const spec = path.join(dir, `${name}.yaml`)
  writeFileSync(spec, SPEC)
  const cacheDir = path.join(dir, `${name}-cache`)
  return { spec, cacheDir, out: path.join(dir, `${name}-out`) }
}

/** Video calls per shot recorded in the ledger for one run. */
function videoCalls(cacheDir: string, runId: string) {
  const db = new Database(path.join(cacheDir, 'vimax.db'), { readonly: true })
  try {
    return db.prepare("SELECT subject, cached, resumed FROM calls WHERE run_id = ? AND kind = 'video' ORDER BY subject").all(runId) as {
      subject: string
      cached: number
      resumed: number
    }[]
  } finally {
    db.close()
  }
}

describe('a run stopped mid-way resumes without paying twice', () => {
  it('SIGKILL while video jobs are polling: the rerun resumes the recorded jobs and starts none again', async () => {
    const { spec, cacheDir, out } = setup('killed')
    // Jobs stay pending for a minute, so the kill always lands while they are polling.
    const live = spawnCli(['generate', spec, '-o', out], { env: { VIMAX_CACHE_DIR: cacheDir, VIMAX_OFFLINE_LATENCY: 'video=60s' } })
    await live.waitFor(/frames 3\/3/)
    await new Promise((resolve) => setTimeout(resolve, 500)) // the last start records its job
    live.child.kill('SIGKILL')
    expect((await live.exit()).signal).toBe('SIGKILL')

    const rerun = await runCli(['generate', spec, '-o', out, '--json'], { env: { VIMAX_CACHE_DIR: cacheDir } })
    expect(rerun.code, rerun.stderr).toBe(0)
    const summary = JSON.parse(rerun.stdout) as Summary
    expect(summary.resumed.video).toBe(3)
    expect(summary.calls.video).toBe(0) // no job started a second time
    expect(summary.cached.image).toBe(3)
    expect(videoCalls(cacheDir, summary.run_id).map((call) => [call.subject, call.resumed])).toEqual([
      ['shot 1', 1],
      ['shot 2', 1],
      ['shot 3', 1],
    ])
  })

  it('Ctrl-C: stops new calls, writes the manifest, exits 130 with "rerun"; the rerun completes the film', async () => {
    const { spec, cacheDir, out } = setup('interrupted')
    const live = spawnCli(['generate', spec, '-o', out], { env: { VIMAX_CACHE_DIR: cacheDir, VIMAX_OFFLINE_LATENCY: 'video=60s' } })
    await live.waitFor(/frames 3\/3/)
    await new Promise((resolve) => setTimeout(resolve, 500))
    live.child.kill('SIGINT')
    const exit = await live.exit()
    expect(exit.code).toBe(130)
    expect(live.stderr()).toMatch(/interrupted/)
    expect(live.stderr()).toMatch(/rerun/)
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { status: string; artifacts: { kind: string }[] }
    expect(manifest.status).toBe('interrupted')
    expect(manifest.artifacts.filter((artifact) => artifact.kind === 'frame')).toHaveLength(3)

    const rerun = await runCli(['generate', spec, '-o', out, '--json'], { env: { VIMAX_CACHE_DIR: cacheDir } })
    expect(rerun.code, rerun.stderr).toBe(0)
    const summary = JSON.parse(rerun.stdout) as Summary
    expect(summary.calls.video).toBe(0)
    expect(summary.resumed.video).toBe(3)
  })

  it('two processes generating the same spec on one cache both succeed', async () => {
    const { spec, cacheDir } = setup('twins')
    const env = { VIMAX_CACHE_DIR: cacheDir }
    const [a, b] = await Promise.all(['a', 'b'].map((name) => runCli(['generate', spec, '-o', path.join(dir, `twin-${name}`), '--json'], { env })))
    expect(a!.code, a!.stderr).toBe(0)
    expect(b!.code, b!.stderr).toBe(0)
    expect(a!.stderr + b!.stderr).not.toMatch(/locked|warning/i)
    const films = ['a', 'b'].map((name) => readFileSync(path.join(dir, `twin-${name}`, 'film.mp4')))
    expect(films[0]!.equals(films[1]!)).toBe(true)
  })
})
