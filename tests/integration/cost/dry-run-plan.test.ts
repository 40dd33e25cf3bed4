import { existsSync, rmSync } from 'node:fs'
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

describe.each(['lighthouse-idea.yaml', 'night-shift-script.yaml', 'clockwork-storyboard.yaml'])('vimax generate %s --dry-run', (name) => {
  it('plans exactly the calls, cache hits and cost of the run that follows it', async () => {
    const ws = pricedWorkspace(path.join(root, name))
    const out = path.join(ws.dir, 'out')
    const dry = await ws.json<PlanJson>(['generate', example(name), '-o', out, '--dry-run'])
    expect(dry.run.code, dry.run.stderr).toBe(0)
    const plan = dry.body
    expect(plan.status).toBe('plan')
    expect(plan.unpriced).toBe(0)
    expect(plan.time_ms).toBeGreaterThan(0)
    expect(plan.critical_path.at(-1)).toMatch(/^video clip /)
    // Nothing but the planning itself was made: no output folder, no image or video in the ledger.
    expect(existsSync(out)).toBe(false)
    const planning = await ws.runDetail(plan.run_id)
    expect(planning.calls.every((call) => call.kind === 'chat')).toBe(true)
    expect(planning.calls).toHaveLength(plan.made_now.calls)
    expect(sumCost(paid(planning.calls))).toBeCloseTo(plan.made_now.cost_usd, 6)

    const real = await ws.json<{ run_id: string; cost_usd: number; saved_usd: number }>(['generate', example(name), '-o', out])
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
    // The chat calls the dry run paid for are what the real run saved.
    expect(real.body.saved_usd).toBeCloseTo(plan.made_now.cost_usd, 6)
  })
})
