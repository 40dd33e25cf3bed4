import { describe, expect, it } from 'vitest'
import { createPriceBook } from '../../../src/cost/price-book.js'
import { BudgetError } from '../../../src/errors.js'
import { checkPriced, createBudget, type Budget, type BudgetItem } from '../../../src/pipeline/budget.js'

const shot = (subject: string | undefined, kind = 'video'): BudgetItem => ({ kind, provider: 'acme', model: 'cam-1', subject })

/** The BudgetError a call throws, so its fields can be asserted. */
function refusal(call: () => unknown): BudgetError {
  try {
    call()
  } catch (error) {
    expect(error).toBeInstanceOf(BudgetError)
    return error as BudgetError
  }
  throw new Error('expected a BudgetError')
}

/** Whether the budget would let a call of this estimate start now (the probe holds nothing). */
function admits(budget: Budget, estimateUsd: number): boolean {
  try {
    budget.hold(estimateUsd, shot('probe')).release()
    return true
  } catch (error) {
    if (error instanceof BudgetError) return false
    throw error
  }
}

describe('createBudget: hold, settle, release', () => {
  it('counts nothing as spent until a hold settles, then the actual cost, not the estimate', () => {
    const budget = createBudget(1)
    const held = budget.hold(0.5, shot('shot 1.1'))
    expect(budget.spentUsd()).toBe(0)
    held.settle(0.25)
    expect(budget.spentUsd()).toBe(0.25)
    // The settled hold no longer counts as in flight: exactly the remaining 0.75 fits, a cent more does not.
    expect(admits(budget, 0.75)).toBe(true)
    expect(admits(budget, 0.76)).toBe(false)
  })

  it('refuses a call whose estimate would pass the cap counting what calls in flight hold', () => {
    const budget = createBudget(1)
    const first = budget.hold(0.5, shot('shot 1.1'))
    budget.hold(0.5, shot('shot 1.2'))
    expect(budget.spentUsd()).toBe(0)
    const error = refusal(() => budget.hold(0.25, shot('shot 1.3')))
    expect(error.code).toBe('E_BUDGET_EXCEEDED')
    expect(error.message).toContain('video for shot 1.3')
    expect(error.message).toContain('$1.00') // the cap, named
    // Releasing one in-flight call frees its estimate for the next.
    first.release()
    expect(budget.spentUsd()).toBe(0)
    expect(admits(budget, 0.5)).toBe(true)
    expect(admits(budget, 0.51)).toBe(false)
  })

  it('lets a call that lands exactly on the cap start despite float rounding', () => {
    const budget = createBudget(0.3)
    budget.hold(0.1, shot('a')).settle(undefined)
    // 0.1 + 0.2 is 0.30000000000000004 in floating point: still "exactly the cap".
    expect(() => budget.hold(0.2, shot('b'))).not.toThrow()
    // A real overshoot, however small in dollars, is still refused.
    expect(admits(budget, 0.0001)).toBe(false)
  })

  it('settle with an unknown actual cost keeps the estimate as spent', () => {
    const budget = createBudget(1)
    budget.hold(0.25, shot('shot 2.1')).settle(undefined)
    expect(budget.spentUsd()).toBe(0.25)
  })

  it('release spends nothing and frees the estimate', () => {
    const budget = createBudget(1)
    budget.hold(1, shot('shot 2.1')).release()
    expect(budget.spentUsd()).toBe(0)
    expect(admits(budget, 1)).toBe(true)
  })

  it('a second settle or release of the same hold changes nothing', () => {
    const budget = createBudget(1)
    const settled = budget.hold(0.25, shot('a'))
    settled.settle(0.25)
    settled.settle(0.5)
    settled.release()
    expect(budget.spentUsd()).toBe(0.25)

    const released = budget.hold(0.5, shot('b'))
    const other = budget.hold(0.25, shot('c'))
    released.release()
    released.release()
    released.settle(0.5)
    expect(budget.spentUsd()).toBe(0.25)
    // In flight now: only `other` (0.25). Had the double release subtracted 0.5 twice, 0.75 more would fit.
    expect(admits(budget, 0.5)).toBe(true)
    expect(admits(budget, 0.51)).toBe(false)
    other.settle(0.25)
    expect(budget.spentUsd()).toBe(0.5)
  })

  it('refuses a call of unknown price with E_BUDGET_UNKNOWN_PRICE, naming the model, and holds nothing for it', () => {
    const budget = createBudget(5)
    const error = refusal(() => budget.hold(undefined, shot('shot 2.1')))
    expect(error.code).toBe('E_BUDGET_UNKNOWN_PRICE')
    expect(error.message).toContain('acme:cam-1')
    expect(error.hint).toContain('acme:cam-1')
    expect(budget.spentUsd()).toBe(0)
    expect(admits(budget, 5)).toBe(true)
  })

  it('refused() lists every refused call, by kind, subject and estimate', () => {
    const budget = createBudget(0.5)
    expect(budget.refused()).toEqual([])
    expect(() => budget.hold(0.8, shot('shot 2.1'))).toThrow(BudgetError)
    expect(() => budget.hold(undefined, shot(undefined, 'image'))).toThrow(BudgetError)
    budget.hold(0.5, shot('shot 2.2')).settle(0.5) // admitted: not listed
    expect(budget.refused()).toEqual(['video for shot 2.1 (about $0.80)', 'image for the run (price unknown)'])
    // A refused call held nothing: the full cap was still free for shot 2.2.
    expect(budget.spentUsd()).toBe(0.5)
  })

  it('refused() hands out a copy', () => {
    const budget = createBudget(0)
    expect(() => budget.hold(1, shot('x'))).toThrow(BudgetError)
    ;(budget.refused() as string[]).push('tampered')
    expect(budget.refused()).toHaveLength(1)
  })
})

describe('checkPriced', () => {
  const prices = createPriceBook({
    'acme:talker': { input_per_million: 1, output_per_million: 2 },
    'acme:painter': { per_image: 0.04 },
  })
  const knows = prices.knows

  it('passes when every model the run may pay has a price', () => {
    expect(() =>
      checkPriced(
        [
          { kind: 'chat', provider: 'acme', modelId: 'talker' },
          { kind: 'image', provider: 'acme', modelId: 'painter' },
        ],
        knows,
        1,
      ),
    ).not.toThrow()
  })

  it('names every unpriced model at once', () => {
    const error = refusal(() =>
      checkPriced(
        [
          { kind: 'chat', provider: 'acme', modelId: 'talker' },
          // A chat price does not price this model's images, nor another model's video.
          { kind: 'image', provider: 'acme', modelId: 'talker' },
          { kind: 'video', provider: 'other', modelId: 'cam' },
        ],
        knows,
        2,
      ),
    )
    expect(error.code).toBe('E_BUDGET_UNKNOWN_PRICE')
    expect(error.message).toContain('2 models have no price')
    expect(error.message).toContain('$2.00')
    expect(error.details).toEqual(['image: acme:talker has no price', 'video: other:cam has no price'])
  })

  it('says "a model" when only one is unpriced', () => {
    const error = refusal(() => checkPriced([{ kind: 'video', provider: 'acme', modelId: 'cam' }], knows, 1))
    expect(error.message).toContain('a model has no price')
    expect(error.details).toEqual(['video: acme:cam has no price'])
  })
})
