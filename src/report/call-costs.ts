import { ABANDONED } from '../pipeline/events.js'
import type { ReportCall } from './report-input.js'

/** A sum of estimated prices, and how many calls had none: unknown is not zero. */
export interface CostSum {
  readonly usd: number
  /** Calls whose price went into `usd`. */
  readonly known: number
  /** Calls whose price nobody knows (a vendor that reports none). */
  readonly unknown: number
}

/**
 * What this run paid for, as `paidByThisRun` (src/pipeline/events.ts) counts it: not hits, not
 * jobs an earlier run started, not failed calls — but abandoned jobs, which were billed.
 */
export function spentBy(calls: readonly ReportCall[]): CostSum {
  return sum(calls.filter((call) => !call.cached && !call.resumed && (call.ok || call.errorCode === ABANDONED)).map((call) => call.costUsd))
}

/** What the cache hits would have cost: the price their results were paid at. */
export function savedBy(calls: readonly ReportCall[]): CostSum {
  return sum(calls.filter((call) => call.cached).map((call) => call.savedUsd))
}

function sum(prices: readonly (number | undefined)[]): CostSum {
  let usd = 0
  let known = 0
  for (const price of prices) {
    if (price === undefined || !Number.isFinite(price)) continue
    usd += price
    known += 1
  }
  return { usd, known, unknown: prices.length - known }
}
