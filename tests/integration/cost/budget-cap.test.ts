import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDir } from '../../support/run-cli.js'
import { example, paid, pricedWorkspace, sumCost } from './priced-run.js'

const root = tempDir()
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** An example spec made silent: the offline voice is free, and speaking every line three times is slow. */
function silent(name: string): string {
  const file = path.join(root, `silent-${name}`)
  writeFileSync(file, `${readFileSync(example(name), 'utf8')}\naudio: false\n`)
  return file
}

describe('vimax generate --max-cost', () => {
  it('starts no call past the cap, exits 5 naming what it did not buy, and a rerun with a higher cap finishes from the cache', async () => {
    const ws = pricedWorkspace(path.join(root, 'cap'))
    const spec = silent('clockwork-storyboard.yaml')
    const out = path.join(ws.dir, 'out')
    const plan = (await ws.json<{ cost_usd: number }>(['generate', spec, '-o', out, '--dry-run'])).body
    const cap = plan.cost_usd / 2

    const capped = await ws.vimax(['generate', spec, '-o', out, '--max-cost', String(cap)])
    expect(capped.code, capped.stderr).toBe(5)
    expect(capped.stderr).toMatch(/budget: video for shot \S+ would cost about \$0\.\d+/)
    expect(capped.stderr).toMatch(/not started: video for shot/)
    expect(capped.stderr).toMatch(/shots not finished: /)
    expect(capped.stderr).toMatch(/hint: rerun with a higher --max-cost/)
    expect(capped.stderr).not.toMatch(/at .*\.js:\d+/)

    const [first] = (await ws.json<{ id: string }[]>(['runs'])).body
    const detail = await ws.runDetail(first!.id)
    expect(detail.run).toMatchObject({ status: 'failed', errorCode: 'E_BUDGET_EXCEEDED' })
    const spent = sumCost(paid(detail.calls))
    expect(spent).toBeGreaterThan(0)
    expect(spent).toBeLessThanOrEqual(cap + 1e-9)
    // No paid call ended in error: every call the budget let start was finished and kept.
    expect(detail.calls.filter((call) => call.status === 'error' && call.costUsd !== null)).toEqual([])
    const refused = detail.calls.filter((call) => call.errorCode === 'E_BUDGET_EXCEEDED')
    expect(refused.length).toBeGreaterThanOrEqual(1)
    const keptClips = existsSync(path.join(out, 'clips')) ? readdirSync(path.join(out, 'clips')) : []
    expect(keptClips.length).toBe(paid(detail.calls).filter((call) => call.kind === 'video').length)

    const rerun = await ws.json<{ run_id: string; cost_usd: number; film: string }>(['generate', spec, '-o', out, '--max-cost', String(plan.cost_usd * 2)])
    expect(rerun.run.code, rerun.run.stderr).toBe(0)
    expect(existsSync(rerun.body.film)).toBe(true)
    const second = await ws.runDetail(rerun.body.run_id)
    // What the first run bought is served from the cache: the two runs together paid the plan once.
    expect(second.calls.filter((call) => call.cached).length).toBe(paid(detail.calls).length)
    expect(spent + rerun.body.cost_usd).toBeCloseTo(plan.cost_usd, 6)
  })

  it('takes the cap from budget.max_cost in the config too', async () => {
    const ws = pricedWorkspace(path.join(root, 'config-cap'))
    const { appendFileSync } = await import('node:fs')
    appendFileSync(path.join(ws.dir, 'vimax.config.yaml'), 'budget:\n  max_cost: 0.05\n')
    const run = await ws.vimax(['generate', example('clockwork-storyboard.yaml'), '-o', path.join(ws.dir, 'out')])
    expect(run.code, run.stderr).toBe(5)
    expect(run.stderr).toMatch(/--max-cost \$0\.05/)
  })
})

describe('vimax generate --stop-after', () => {
  it('stops after the storyboard with no image or video paid, then after the frames, then finishes from the cache', async () => {
    const ws = pricedWorkspace(path.join(root, 'stages'))
    const spec = example('night-shift-script.yaml')
    const out = path.join(ws.dir, 'out')
    type Summary = { run_id: string; stopped_after: string | null; cost_usd: number; film: string | null }

    // A dry run plans only as far as the stop: chat calls, and the lines spoken (a storyboard's shot
    // lengths hold its lines); nothing drawn or filmed.
    const plan = await ws.json<{ calls: { kind: string }[] }>(['generate', spec, '-o', out, '--dry-run', '--stop-after', 'storyboard'])
    expect(plan.run.code, plan.run.stderr).toBe(0)
    expect(plan.body.calls.map((row) => row.kind)).toEqual(['chat', 'speech'])

    const boards = await ws.json<Summary>(['generate', spec, '-o', out, '--stop-after', 'storyboard'])
    expect(boards.run.code, boards.run.stderr).toBe(0)
    expect(boards.body.stopped_after).toBe('storyboard')
    expect(boards.body.film).toBeNull()
    expect(existsSync(path.join(out, 'storyboard.json'))).toBe(true)
    expect(existsSync(path.join(out, 'frames'))).toBe(false)
    expect(new Set((await ws.runDetail(boards.body.run_id)).calls.map((call) => call.kind))).toEqual(new Set(['chat', 'speech']))

    const frames = await ws.json<Summary>(['generate', spec, '-o', out, '--stop-after', 'frames'])
    expect(frames.run.code, frames.run.stderr).toBe(0)
    expect(frames.body.stopped_after).toBe('frames')
    expect(readdirSync(path.join(out, 'frames')).length).toBeGreaterThan(0)
    expect(existsSync(path.join(out, 'clips'))).toBe(false)
    const framesCalls = (await ws.runDetail(frames.body.run_id)).calls
    expect(framesCalls.filter((call) => call.kind === 'chat' || call.kind === 'speech').every((call) => call.cached)).toBe(true)
    // The music bed is cut to the film's length: it comes with the clips.
    expect(framesCalls.some((call) => call.kind === 'video' || call.kind === 'music')).toBe(false)

    const film = await ws.json<Summary>(['generate', spec, '-o', out])
    expect(film.run.code, film.run.stderr).toBe(0)
    expect(film.body.stopped_after).toBeNull()
    const filmCalls = (await ws.runDetail(film.body.run_id)).calls
    const afterFrames = (call: { kind: string }) => call.kind === 'video' || call.kind === 'music'
    expect(filmCalls.filter((call) => !afterFrames(call)).every((call) => call.cached)).toBe(true)
    expect(filmCalls.filter(afterFrames).every((call) => !call.cached)).toBe(true)
    expect(filmCalls.filter((call) => call.kind === 'music')).toHaveLength(1)
    const runs = (await ws.json<{ stoppedAfter: string | null }[]>(['runs'])).body
    expect(runs.map((run) => run.stoppedAfter)).toEqual([null, 'frames', 'storyboard', 'plan'])
  }, 180_000) // four runs that voice every line of the script
})
