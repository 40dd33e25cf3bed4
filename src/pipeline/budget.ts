import type { PriceBook } from '../cost/price-book.js'
import { BudgetError } from '../errors.js'
import type { ModelKind } from '../providers/types.js'
import { formatUsd } from '../util/format-usd.js'

/** A call about to start, as the budget names it when it refuses. */
export interface BudgetItem {
  readonly kind: string
  readonly provider: string
  readonly model: string
  readonly subject: string | undefined
}

/** A call the budget did not start, as values (the `--json` error's `not_started`). */
export interface RefusedCall extends BudgetItem {
  /** undefined: the model has no price. */
  readonly estimateUsd: number | undefined
}

export interface BudgetHold {
  /** The call ended and cost this much (its estimate when the price of what it returned is unknown). */
  settle(actualUsd: number | undefined): void
  /** The call was not billed (it failed before starting, or the vendor does not bill failures). */
  release(): void
}

export interface Budget {
  readonly maxUsd: number
  /**
   * Holds the estimate of a call about to start, or throws a BudgetError: the call is not
   * started when what is spent, plus what calls in flight hold, plus this estimate passes the cap.
   */
  hold(estimateUsd: number | undefined, item: BudgetItem): BudgetHold
  spentUsd(): number
  /** Calls refused so far, as "video for shot 2.1 (about $0.80)". */
  refused(): readonly string[]
  /** The same calls, as values. */
  refusedCalls(): readonly RefusedCall[]
}

/** One run's spending cap. Cache hits never reach it: they are free. */
export function createBudget(maxUsd: number): Budget {
  let spent = 0
  let held = 0
  const refused: string[] = []
  const refusedCalls: RefusedCall[] = []
  return {
    maxUsd,
    hold(estimateUsd, item) {
      const what = `${item.kind} for ${item.subject ?? 'the run'}`
      if (estimateUsd === undefined) {
        refused.push(`${what} (price unknown)`)
        refusedCalls.push(refusedCall(item, estimateUsd))
        throw new BudgetError(`budget: ${item.provider}:${item.model} has no price, so ${what} cannot be checked against --max-cost ${formatUsd(maxUsd)}`, {
          code: 'E_BUDGET_UNKNOWN_PRICE',
          hint: `add "${item.provider}:${item.model}" under prices: in vimax.config.yaml (see README "Prices"), or run without a cost cap`,
        })
      }
      if (spent + held + estimateUsd > maxUsd + 1e-9) {
        refused.push(`${what} (about ${formatUsd(estimateUsd)})`)
        refusedCalls.push(refusedCall(item, estimateUsd))
        throw new BudgetError(
          `budget: ${what} would cost about ${exact(estimateUsd)}; with ${exact(spent)} spent and ${exact(held)} in flight that passes --max-cost ${exact(maxUsd)}`,
          { code: 'E_BUDGET_EXCEEDED', hint: 'rerun with a higher --max-cost: everything finished is cached and is not paid for again' },
        )
      }
      held += estimateUsd
      let open = true
      const close = (charge: number) => {
        if (!open) return
        open = false
        held -= estimateUsd
        spent += charge
      }
      return { settle: (actualUsd) => close(actualUsd ?? estimateUsd), release: () => close(0) }
    },
    spentUsd: () => spent,
    refused: () => [...refused],
    refusedCalls: () => [...refusedCalls],
  }
}

// Picked field by field: a caller's item may carry more than the budget names.
const refusedCall = ({ kind, provider, model, subject }: BudgetItem, estimateUsd: number | undefined): RefusedCall => ({ kind, provider, model, subject, estimateUsd })

/** To the hundredth of a cent: a refusal must not read "$0.04 passes $0.04". */
function exact(amount: number): string {
  return `$${amount.toFixed(4).replace(/0{1,2}$/, '')}`
}

/**
 * With a cap, every model the run may pay must have a price: a call of unknown cost cannot be
 * checked against it. Checked before the first call, naming every unpriced model at once.
 */
export function checkPriced(
  models: readonly { readonly kind: ModelKind; readonly provider: string; readonly modelId: string }[],
  knows: PriceBook['knows'],
  maxUsd: number,
): void {
  const unknown = models.filter((model) => !knows(model.provider, model.modelId, model.kind))
  if (unknown.length === 0) return
  throw new BudgetError(`budget: --max-cost ${formatUsd(maxUsd)} cannot be kept: ${unknown.length === 1 ? 'a model has' : `${unknown.length} models have`} no price`, {
    code: 'E_BUDGET_UNKNOWN_PRICE',
    details: unknown.map((model) => `${model.kind}: ${model.provider}:${model.modelId} has no price`),
    hint: 'add them under prices: in vimax.config.yaml (see README "Prices"), or run without a cost cap',
  })
}
