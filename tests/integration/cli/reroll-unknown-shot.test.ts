import { existsSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT, runCli, tempDir } from '../../support/run-cli.js'

const dir = tempDir()
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const env = { VIMAX_CACHE_DIR: path.join(dir, 'cache'), VIMAX_CONFIG: '' }

const STORYBOARD = `scenes:
  - shots:
      - { shot_id: 1, first_frame: A red door., video_prompt: Slow push in. }
      - { shot_id: 2, first_frame: A green lamp., video_prompt: Static wide. }
  - shots:
      - { shot_id: 3, first_frame: A blue hall., video_prompt: Pan left. }
`

interface CallJson { kind: string; cached: boolean }
const callsOf = async (runId: string) => {
  const show = await runCli(['runs', 'show', runId, '--json'], { env, cwd: dir })
  return (JSON.parse(show.stdout) as { calls: CallJson[] }).calls
}

describe('--reroll of a shot that does not exist', () => {
  it('a storyboard spec: exit 2 listing the shot ids, before the run is recorded or its folder made', async () => {
    const spec = path.join(dir, 'doors.yaml')
    writeFileSync(spec, STORYBOARD)
    const out = path.join(dir, 'doors-out')
    const run = await runCli(['generate', spec, '-o', out, '--reroll', '9.9', '--json'], { env, cwd: dir })
    expect(run.code, run.stderr).toBe(2)
    expect(run.stderr).toMatch(/vimax: --reroll: the film has no shot "9\.9"/)
    expect(run.stderr).toMatch(/shot ids: 1, 2, 3/)
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'error', code: 'E_UNKNOWN_SHOT', exit_code: 2, unknown_shots: ['9.9'], shot_ids: ['1', '2', '3'] })
    expect(existsSync(out)).toBe(false)
    const runs = await runCli(['runs', '--json'], { env, cwd: dir })
    expect(JSON.parse(runs.stdout)).toEqual([])
  })

  it('an idea: exit 2 with a did-you-mean once the storyboard is planned, before any image or video is paid', async () => {
    const out = path.join(dir, 'idea-out')
    const run = await runCli(['generate', path.join(ROOT, 'examples', 'lighthouse-idea.yaml'), '-o', out, '--offline', '--reroll', '1.l', '--json'], { env, cwd: dir })
    expect(run.code, run.stderr).toBe(2)
    const error = JSON.parse(run.stdout) as { code: string; hint: string; details: string[] }
    expect(error.code).toBe('E_UNKNOWN_SHOT')
    expect(error.hint).toBe('did you mean --reroll 1.1?')
    expect(error.details[0]).toMatch(/^shot ids: 1\.1, /)
    const [latest] = JSON.parse((await runCli(['runs', '--json'], { env, cwd: dir })).stdout) as { id: string; error_code: string }[]
    expect(latest!.error_code).toBe('E_UNKNOWN_SHOT')
    const calls = await callsOf(latest!.id)
    expect(calls.filter((call) => call.kind === 'chat').length).toBeGreaterThan(0)
    expect(calls.filter((call) => call.kind !== 'chat')).toEqual([])
  })
})
