import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDir } from '../../support/run-cli.js'
import { example, paid, pricedWorkspace, sumCost } from './priced-run.js'

interface PlanRowJson {
  readonly provider: string
  readonly model: string
  readonly kind: string
  readonly calls: number
  readonly cached: number
  readonly to_pay: number
  readonly cost_usd: number
  readonly unpriced: number
}
interface PlanJson {
  readonly status: string
  readonly calls: readonly PlanRowJson[]
  readonly cost_usd: number
  readonly unpriced: number
  readonly made_now: { readonly calls: number; readonly cost_usd: number }
  readonly time_ms: number
  readonly critical_path: readonly string[]
  readonly run_id: string
}

const root = tempDir()
afterAll(() => rmSync(root, { recursive: true, force: true }))

/**
 * Shots 1 and 3 ask for the same first frame (same text, same characters): the run makes that
 * image once and serves the other from the call in flight or the cache.
 */
const REPEATED_FRAME = `title: Twice Told
aspect_ratio: "1:1"
shot_seconds: 4
style: warm storybook realism
story_overview: Ada mends a clockwork bird and it flies.
characters:
  - name: Ada
    appearance: a girl of sixteen, freckled face, copper-red hair
  - name: Wren
    appearance: a palm-sized clockwork bird of polished brass
scenes:
  - scene_num: 1
    slugline: INT. CLOCK SHOP - DAWN
    shots:
      - shot_id: 1
        first_frame: Close-up of the brass Wren on Ada's palm, wings half open.
        video_prompt: Static close-up; the wings beat once.
        characters: [Ada, Wren]
      - shot_id: 2
        first_frame: Wide view of the clock shop, Ada at the bench.
        video_prompt: Slow dolly forward.
        characters: [Ada]
      - shot_id: 3
        first_frame: Close-up of the brass Wren on Ada's palm, wings half open.
        video_prompt: Static close-up; the wings beat twice and it lifts off.
        characters: [Ada, Wren]
`

function repeatedFrameSpec(): string {
  const dir = path.join(root, 'specs')
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, 'repeated-frame.yaml')
  writeFileSync(file, REPEATED_FRAME)
  return file
}

const SPECS: readonly (readonly [string, () => string])[] = [
  ['lighthouse-idea.yaml', () => example('lighthouse-idea.yaml')],
  ['night-shift-script.yaml', () => example('night-shift-script.yaml')],
  ['clockwork-storyboard.yaml', () => example('clockwork-storyboard.yaml')],
  ['a storyboard with a repeated first frame', repeatedFrameSpec],
]

describe.each(SPECS)('vimax generate %s --dry-run', (name, specPath) => {
  it('plans exactly the calls, cache hits and cost of the run that follows it', async () => {
    const ws = pricedWorkspace(path.join(root, name.replace(/\W+/g, '-')))
    const out = path.join(ws.dir, 'out')
    const spec = specPath()
    const dry = await ws.json<PlanJson>(['generate', spec, '-o', out, '--dry-run'])
    expect(dry.run.code, dry.run.stderr).toBe(0)
    const plan = dry.body
    expect(plan.status).toBe('plan')
    expect(plan.unpriced).toBe(0)
    expect(plan.time_ms).toBeGreaterThan(0)
    expect(plan.critical_path.at(-1)).toMatch(/^(video clip |music bed$)/)
    // Nothing but the planning itself was made: no output folder; in the ledger only writing and
    // the offline voice (free, and exact: its lengths are the shots' lengths).
    expect(existsSync(out)).toBe(false)
    const planning = await ws.runDetail(plan.run_id)
    expect(planning.calls.every((call) => call.kind === 'chat' || (call.kind === 'speech' && call.provider === 'offline'))).toBe(true)
    expect(plan.calls.find((row) => row.kind === 'music')).toMatchObject({ calls: 1, to_pay: 1 })
    expect(planning.calls).toHaveLength(plan.made_now.calls)
    expect(sumCost(paid(planning.calls))).toBeCloseTo(plan.made_now.cost_usd, 6)

    const real = await ws.json<{ run_id: string; cost_usd: number; saved_usd: number }>(['generate', spec, '-o', out])
    expect(real.run.code, real.run.stderr).toBe(0)
    const { calls } = await ws.runDetail(real.body.run_id)
    for (const row of plan.calls) {
      const made = calls.filter((call) => call.provider === row.provider && call.model === row.model && call.kind === row.kind && call.status === 'ok')
      const label = `${row.provider}:${row.model} ${row.kind}`
      expect(made.length, `${label} calls`).toBe(row.calls)
      expect(made.filter((call) => call.cached).length, `${label} cached`).toBe(row.cached)
      expect(sumCost(paid(made)), `${label} cost`).toBeCloseTo(row.cost_usd, 6)
    }
    expect(calls.filter((call) => call.status === 'ok')).toHaveLength(plan.calls.reduce((total, row) => total + row.calls, 0))
    expect(real.body.cost_usd).toBeCloseTo(plan.cost_usd, 6)
    expect(plan.cost_usd).toBeGreaterThan(0)
    // The chat calls the dry run paid for are what the real run saved, with any repeated request.
    const repeatsSaved = calls.filter((call) => call.cached && call.kind !== 'chat' && call.kind !== 'speech').reduce((total, call) => total + (call.savedUsd ?? 0), 0)
    expect(real.body.saved_usd).toBeCloseTo(plan.made_now.cost_usd + repeatsSaved, 6)
  })
})

describe('vimax generate --dry-run with a repeated request', () => {
  it('counts the repeat as cached, not as a second call to pay or an unpriced one', async () => {
    const ws = pricedWorkspace(path.join(root, 'repeat-only'))
    const dry = await ws.json<PlanJson>(['generate', repeatedFrameSpec(), '-o', path.join(ws.dir, 'out'), '--dry-run'])
    expect(dry.run.code, dry.run.stderr).toBe(0)
    const image = dry.body.calls.find((row) => row.kind === 'image')
    // 2 characters × 3 portrait views + 3 frames, one of which repeats another.
    expect(image).toMatchObject({ calls: 9, cached: 1, to_pay: 8, unpriced: 0 })
    expect(dry.body.unpriced).toBe(0)
  })

  it('shows the stages it only planned as planned, never as made', async () => {
    const ws = pricedWorkspace(path.join(root, 'planned-lines'))
    const dry = await ws.vimax(['generate', repeatedFrameSpec(), '-o', path.join(ws.dir, 'out'), '--dry-run'])
    expect(dry.code, dry.stderr).toBe(0)
    const progress = dry.stderr.split('\n').filter((line) => /^(portraits|frames|clips) \d+\/\d+/.test(line))
    expect(progress.length).toBeGreaterThan(0)
    for (const line of progress) expect(line).toMatch(/^\w+ \d+\/\d+ planned /)
    expect(dry.stderr).toMatch(/^clips 3\/3 planned .*\(.*in flight · \$[\d.]+ spent\)$/m)
  })
})
