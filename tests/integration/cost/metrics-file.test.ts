import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parsePrometheusText, valueOf } from '../../support/prometheus-text.js'
import { tempDir } from '../../support/run-cli.js'
import { example, paid, pricedWorkspace, sumCost } from './priced-run.js'

const root = tempDir()
afterAll(() => rmSync(root, { recursive: true, force: true }))

const total = (families: ReturnType<typeof parsePrometheusText>, name: string) =>
  (families.get(name)?.samples ?? []).filter((sample) => sample.name === name).reduce((sum, sample) => sum + sample.value, 0)

describe('vimax generate --metrics-file', () => {
  it('writes the run in the Prometheus text format: calls, hits, cost and status agree with the ledger', async () => {
    const ws = pricedWorkspace(path.join(root, 'ok'))
    const file = path.join(ws.dir, 'textfile', 'vimax.prom')
    const spec = example('clockwork-storyboard.yaml')
    const out = path.join(ws.dir, 'out')
    for (const _pass of ['cold', 'warm']) {
      const run = await ws.json<{ run_id: string; cost_usd: number; saved_usd: number; report: string }>(['generate', spec, '-o', out, '--metrics-file', file])
      expect(run.run.code, run.run.stderr).toBe(0)
      expect(readFileSync(run.body.report, 'utf8')).toContain(run.body.run_id)
      const families = parsePrometheusText(readFileSync(file, 'utf8'))
      const { calls } = await ws.runDetail(run.body.run_id)
      expect(total(families, 'vimax_calls_total')).toBe(calls.length)
      expect(total(families, 'vimax_cache_hits_total')).toBe(calls.filter((call) => call.cached).length)
      expect(total(families, 'vimax_cost_usd_total')).toBeCloseTo(sumCost(paid(calls)), 6)
      expect(total(families, 'vimax_saved_usd_total')).toBeCloseTo(run.body.saved_usd, 6)
      expect(valueOf(families, 'vimax_run_status', { spec: 'clockwork-storyboard', status: 'complete' })).toBe(1)
    }
  })

  it('is written for a run the budget stopped too', async () => {
    const ws = pricedWorkspace(path.join(root, 'capped'))
    const file = path.join(ws.dir, 'vimax.prom')
    const run = await ws.vimax(['generate', example('clockwork-storyboard.yaml'), '-o', path.join(ws.dir, 'out'), '--max-cost', '0.1', '--metrics-file', file])
    expect(run.code, run.stderr).toBe(5)
    const families = parsePrometheusText(readFileSync(file, 'utf8'))
    expect(valueOf(families, 'vimax_run_status', { spec: 'clockwork-storyboard', status: 'failed' })).toBe(1)
    expect(total(families, 'vimax_cost_usd_total')).toBeLessThanOrEqual(0.1 + 1e-9)
  })
})
