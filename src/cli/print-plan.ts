import path from 'node:path'
import { Chalk } from 'chalk'
import { textTable } from '../bench/text-table.js'
import type { PlanTime } from '../bench/plan-time.js'
import { formatUsd } from '../util/format-usd.js'
import type { RunPlan } from '../pipeline/run-plan.js'
import type { CliIo } from './io.js'
import { roundUsd } from './print-summary.js'

export interface PlanView {
  readonly specPath: string
  readonly plan: RunPlan
  readonly time: PlanTime
  readonly maxCostUsd: number | undefined
  readonly runId: string
  /** Per kind, the models a refused call would move to; the plan prices only the first choice. */
  readonly fallbacks?: Readonly<Record<string, readonly string[]>>
}

/** Whether the plan's known cost fits the cap; undefined when there is no cap or a price is unknown. */
export function withinBudget(view: PlanView): boolean | undefined {
  if (view.maxCostUsd === undefined || view.plan.unpriced > 0) return undefined
  return view.plan.costUsd <= view.maxCostUsd + 1e-9
}

/** `--dry-run --json`. Scripts depend on these names: add fields, never rename them. */
export function planJson(view: PlanView): Record<string, unknown> {
  const { plan, time } = view
  return {
    status: 'plan',
    spec: view.specPath,
    calls: plan.rows.map((row) => ({
      provider: row.provider,
      model: row.model,
      kind: row.kind,
      calls: row.calls,
      cached: row.cached,
      to_pay: row.toPay,
      cost_usd: roundUsd(row.costUsd),
      unpriced: row.unpriced,
    })),
    cost_usd: roundUsd(plan.costUsd),
    unpriced: plan.unpriced,
    made_now: { calls: plan.madeNow.calls, cost_usd: roundUsd(plan.madeNow.costUsd) },
    time_ms: Math.round(time.ms),
    time_basis: time.basis,
    critical_path: time.chain,
    max_cost_usd: view.maxCostUsd ?? null,
    within_budget: withinBudget(view) ?? null,
    run_id: view.runId,
    fallbacks: view.fallbacks ?? {},
  }
}

export function printPlan(io: CliIo, view: PlanView, options: { readonly color: boolean }): void {
  const { plan, time } = view
  const c = new Chalk({ level: options.color ? 1 : 0 })
  const cost = (usdAmount: number, unpriced: number) => (unpriced > 0 ? `${formatUsd(usdAmount)} + ${unpriced} unknown` : formatUsd(usdAmount))
  const rows = plan.rows.map((row) => [`${row.provider}:${row.model}`, row.kind, String(row.calls), String(row.cached), String(row.toPay), cost(row.costUsd, row.unpriced)])
  const sum = (pick: (row: RunPlan['rows'][number]) => number) => String(plan.rows.reduce((total, row) => total + pick(row), 0))
  rows.push(['total', '', sum((row) => row.calls), sum((row) => row.cached), sum((row) => row.toPay), cost(plan.costUsd, plan.unpriced)])
  const fits = withinBudget(view)
  const lines = [
    `${c.bold('plan')} for ${path.relative(io.cwd, view.specPath) || view.specPath} (dry run: no image, video, speech or music was made)`,
    '',
    textTable(['model', 'kind', 'calls', 'cached', 'to pay', 'est. cost'], rows, ['left', 'left', 'right', 'right', 'right', 'right']),
    '',
    ...(plan.rows.every((row) => row.toPay === 0)
      ? ['time: nothing to wait for: the cache holds every call']
      : [
          `time: at least ${formatMs(time.ms)} (${time.basis === 'measured' ? 'latencies measured on this machine' : time.basis === 'typical' ? 'typical latencies: no earlier calls to measure' : 'latencies partly measured'})`,
          `  critical path: ${time.chain.join(' → ')}`,
        ]),
  ]
  if (plan.madeNow.calls > 0) lines.push(`planning made ${plan.madeNow.calls} call${plan.madeNow.calls === 1 ? '' : 's'} (writing, and offline voices for the timing; ${formatUsd(plan.madeNow.costUsd)}); they are cached and not paid again`)
  for (const [kind, refs] of Object.entries(view.fallbacks ?? {})) {
    lines.push(`${kind} fallbacks, if the first choice refuses or is down (not priced above): ${refs.join(', ')}`)
  }
  if (plan.unpriced > 0) lines.push(c.yellow(`${plan.unpriced} call${plan.unpriced === 1 ? ' has' : 's have'} no price: add them under prices: in vimax.config.yaml`))
  if (fits === true) lines.push(`within --max-cost ${formatUsd(view.maxCostUsd!)}`)
  if (fits === false) lines.push(c.red(`over --max-cost ${formatUsd(view.maxCostUsd!)} by ${formatUsd(plan.costUsd - view.maxCostUsd!)}: a run would stop there (exit 5)`))
  io.stdout.write(`${lines.join('\n')}\n`)
}

function formatMs(ms: number): string {
  const seconds = ms / 1000
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`
  return `${Math.floor(seconds / 60)} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`
}
