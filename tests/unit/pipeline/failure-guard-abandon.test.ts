import { describe, expect, it } from 'vitest'
import { BudgetError, CancelledError, ProviderError } from '../../../src/errors.js'
import { createFailureGuard } from '../../../src/pipeline/failure-guard.js'

const budgetRefusal = () => new BudgetError('budget: video for shot 2.1 would pass --max-cost', { code: 'E_BUDGET_EXCEEDED' })
const fail = (guard: ReturnType<typeof createFailureGuard>, error: unknown) => guard.watch(Promise.reject(error)).catch(() => undefined)

describe('failure guard: the abandon signal', () => {
  it('a budget refusal stops new calls but lets polls of paid jobs go on, even when cancelled echoes follow', async () => {
    const guard = createFailureGuard()
    await fail(guard, budgetRefusal())
    // Queued calls the stop cancels fail with CancelledError: echoes, not reasons to abandon.
    await fail(guard, new CancelledError('stopped before shot 2.2'))
    await fail(guard, new CancelledError('stopped before shot 2.3'))
    expect(guard.signal.aborted).toBe(true)
    expect(guard.abandon.aborted).toBe(false)
    expect(guard.firstFailure()).toBeInstanceOf(BudgetError)
  })

  it('any other first failure abandons polls as well', async () => {
    const guard = createFailureGuard()
    await fail(guard, new ProviderError('vendor down', { code: 'E_PROVIDER', provider: 'acme' }))
    expect(guard.signal.aborted).toBe(true)
    expect(guard.abandon.aborted).toBe(true)
  })

  it('a plain Error first abandons polls, and a budget refusal after it does not undo that', async () => {
    const guard = createFailureGuard()
    await fail(guard, new Error('bug'))
    await fail(guard, budgetRefusal())
    expect(guard.abandon.aborted).toBe(true)
    expect(guard.firstFailure()).toBeInstanceOf(Error)
    expect(guard.firstFailure()).not.toBeInstanceOf(BudgetError)
  })

  it('a cancellation first (not a budget refusal) abandons polls', async () => {
    const guard = createFailureGuard()
    await fail(guard, new CancelledError('cancelled'))
    expect(guard.abandon.aborted).toBe(true)
  })

  it('the caller\'s stop (Ctrl-C) abandons polls even after a budget refusal', async () => {
    const stop = new AbortController()
    const guard = createFailureGuard(stop.signal)
    await fail(guard, budgetRefusal())
    expect(guard.abandon.aborted).toBe(false)
    stop.abort()
    expect(guard.abandon.aborted).toBe(true)
    // The refusal stays the reason the run stopped.
    expect(guard.firstFailure()).toBeInstanceOf(BudgetError)
  })

  it('a stop raised before the guard exists aborts both signals at once', () => {
    const stop = new AbortController()
    stop.abort()
    const guard = createFailureGuard(stop.signal)
    expect(guard.signal.aborted).toBe(true)
    expect(guard.abandon.aborted).toBe(true)
  })

  it('after dispose the caller\'s stop no longer reaches the run', () => {
    const stop = new AbortController()
    const guard = createFailureGuard(stop.signal)
    guard.dispose()
    stop.abort()
    expect(guard.signal.aborted).toBe(false)
    expect(guard.abandon.aborted).toBe(false)
  })

  it('nothing is aborted while calls succeed', async () => {
    const guard = createFailureGuard(new AbortController().signal)
    await expect(guard.watch(Promise.resolve(7))).resolves.toBe(7)
    expect(guard.signal.aborted).toBe(false)
    expect(guard.abandon.aborted).toBe(false)
    expect(guard.firstFailure()).toBeUndefined()
  })
})
