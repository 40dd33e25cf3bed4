import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CancelledError } from '../../../src/errors.js'
import { fault } from '../../support/fake-api/index.js'
import { harness, rejection, type Harness } from './harness.js'

const SHORT = { attemptMs: 300, idleMs: 300, totalMs: 30_000 }

describe('http timeouts, resets and cancellation', () => {
  let h: Harness
  const controller = new AbortController()
  beforeEach(async () => {
    h = await harness({ client: { retry: { maxRetries: 2 }, timeouts: SHORT } })
  })
  afterEach(async () => h.close())

  const chat = (call = h.call) => h.client.postJson('chat/completions', { model: 'm-1', messages: [] }, call)
  /** Network faults are not timeouts: on a busy machine a 300 ms attempt could time out first. */
  const withGenerousTimeouts = async () => {
    await h.close()
    h = await harness({ client: { retry: { maxRetries: 2 } } })
  }

  it('times out slow headers, retries a silent host once, then fails with E_PROVIDER_TIMEOUT naming the setting', async () => {
    h.api.script('chat', ...fault.repeat(3, fault.slowHeaders(5_000)))
    const error = await rejection(chat())
    expect(error.code).toBe('E_PROVIDER_TIMEOUT')
    expect(error.message).toMatch(/no answer in 0\.3 s; no answer 2 times in a row \[request [^\]]+, 2 attempts\]$/)
    expect(error.hint).toMatch(/raise providers\.acme\.timeouts\.request in vimax\.config\.yaml/)
    expect(h.api.requestsTo('chat')).toHaveLength(2)
    await vi.waitFor(() => expect(h.api.requests.every((r) => r.aborted)).toBe(true))
  })

  it('recovers when a slow attempt is followed by a quick one', async () => {
    h.api.script('chat', fault.slowHeaders(5_000), fault.ok)
    expect((await chat()).attempts).toBe(2)
  })

  it('times out a stalled body and retries', async () => {
    h.api.script('chat', ...fault.repeat(3, fault.stalledBody()))
    const error = await rejection(chat())
    expect(error.code).toBe('E_PROVIDER_TIMEOUT')
    expect(h.api.requestsTo('chat')).toHaveLength(3)
  })

  it('retries a connection reset mid-body and a dropped connection', async () => {
    await withGenerousTimeouts()
    h.api.script('chat', fault.resetMidBody, fault.dropConnection, fault.ok)
    const result = await chat()
    expect(result.attempts).toBe(3)
    expect(h.logs.slice(0, 2).map((e) => e.error?.code)).toEqual(['E_PROVIDER_NETWORK', 'E_PROVIDER_NETWORK'])
  })

  it('reports a network failure after the budget', async () => {
    await withGenerousTimeouts()
    h.api.script('chat', ...fault.repeat(3, fault.dropConnection))
    const error = await rejection(chat())
    expect(error.code).toBe('E_PROVIDER_NETWORK')
    expect(error.retryable).toBe(true)
  })

  it('stops within the overall deadline', async () => {
    await h.close()
    h = await harness({ client: { timeouts: { attemptMs: 300, idleMs: 300, totalMs: 400 }, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) } })
    h.api.script('chat', ...fault.repeat(5, fault.slowHeaders(5_000)))
    const error = await rejection(chat())
    expect(error.code).toBe('E_PROVIDER_TIMEOUT')
    expect(h.api.requestsTo('chat').length).toBeLessThan(4)
  })

  it('turns Ctrl-C into CancelledError and closes the connection', async () => {
    const abort = new AbortController()
    h.api.script('chat', fault.slowHeaders(5_000))
    const pending = chat({ ...h.call, call: { ...h.call.call, signal: abort.signal } })
    await vi.waitFor(() => expect(h.api.requestsTo('chat')).toHaveLength(1))
    abort.abort()
    const error = await rejection(pending)
    expect(error).toBeInstanceOf(CancelledError)
    expect(error.message).toContain('acme:m-1 (shot 1.2): POST /v1/chat/completions cancelled')
    await vi.waitFor(() => expect(h.api.requestsTo('chat')[0]?.aborted).toBe(true))
    expect(h.api.requestsTo('chat')).toHaveLength(1)
  })

  it('cancels during a retry wait without another attempt', async () => {
    await h.close()
    const abort = new AbortController()
    h = await harness({ client: { timeouts: SHORT, sleep: (_ms, signal) => new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new CancelledError()))) } })
    h.api.script('chat', fault.serverError(500))
    const pending = chat({ ...h.call, call: { ...h.call.call, signal: abort.signal } })
    await vi.waitFor(() => expect(h.logs).toHaveLength(1))
    abort.abort()
    expect(await rejection(pending)).toBeInstanceOf(CancelledError)
    expect(h.api.requestsTo('chat')).toHaveLength(1)
  })

  it('rejects at once when already cancelled', async () => {
    controller.abort()
    const error = await rejection(chat({ ...h.call, call: { signal: controller.signal } }))
    expect(error).toBeInstanceOf(CancelledError)
  })
})
