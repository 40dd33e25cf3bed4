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
 * What the calls that reached a provider cost; cache hits cost nothing and are left out. A failed
 * call counts when it has a price and is otherwise taken as not charged, as the ledger's totals do.
 */
export function spentBy(calls: readonly ReportCall[]): CostSum {
  return sum(calls.filter((call) => !call.cached && (call.ok || call.costUsd !== undefined)).map((call) => call.costUsd))
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
