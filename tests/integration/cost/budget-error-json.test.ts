import { rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDir } from '../../support/run-cli.js'
import { example, paid, pricedWorkspace, sumCost } from './priced-run.js'

const root = tempDir()
afterAll(() => rmSync(root, { recursive: true, force: true }))

interface BudgetErrorJson {
  status: string
  code: string
  exit_code: number
  cost_usd: number
  max_cost_usd: number
  not_started: { kind: string; provider: string; model: string; subject: string | null; estimate_usd: number | null }[]
  shots_finished: string[]
  shots_not_finished: string[]
  scenes_not_storyboarded: string[]
}

describe('the budget error as JSON', () => {
  it('carries cost_usd and every call not started as fields, not only in prose (exit 5)', async () => {
    const ws = pricedWorkspace(path.join(root, 'cap'))
    const spec = example('clockwork-storyboard.yaml')
    const out = path.join(ws.dir, 'out')
    const plan = (await ws.json<{ cost_usd: number }>(['generate', spec, '-o', out, '--dry-run'])).body
    const cap = plan.cost_usd / 2
    const capped = await ws.vimax(['generate', spec, '-o', out, '--max-cost', String(cap), '--json'])
    expect(capped.code, capped.stderr).toBe(5)
    const error = JSON.parse(capped.stdout) as BudgetErrorJson
    expect(error).toMatchObject({ status: 'error', code: 'E_BUDGET_EXCEEDED', exit_code: 5, max_cost_usd: cap })
    // The money field is the ledger's own sum of what the run paid.
    const [run] = (await ws.json<{ id: string }[]>(['runs'])).body
    expect(error.cost_usd).toBeCloseTo(sumCost(paid((await ws.runDetail(run!.id)).calls)), 6)
    expect(error.cost_usd).toBeLessThanOrEqual(cap + 1e-9)
    expect(error.not_started.length).toBeGreaterThanOrEqual(1)
    for (const call of error.not_started) {
      expect(call).toMatchObject({ kind: 'video', provider: expect.any(String), model: expect.any(String), subject: expect.stringMatching(/^shot /) })
      expect(call.estimate_usd).toBeGreaterThan(0)
    }
    expect(error.shots_not_finished.length).toBeGreaterThanOrEqual(1)
    expect(error.shots_finished).not.toEqual(expect.arrayContaining(error.shots_not_finished))
    expect(error.scenes_not_storyboarded).toEqual([])
  })
})
