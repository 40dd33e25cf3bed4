import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ProviderError } from '../../../src/errors.js'
import { fault } from '../../support/fake-api/index.js'
import { harness, rejection, type Harness } from './harness.js'

describe('http retries', () => {
  let h: Harness
  beforeEach(async () => {
    h = await harness()
  })
  afterEach(async () => h.close())

  const chat = () => h.client.postJson('chat/completions', { model: 'm-1', messages: [] }, h.call)

  it('honours Retry-After in seconds, tells the lane, and reports attempts', async () => {
    h.api.script('chat', fault.rateLimit({ retryAfter: 2 }), fault.ok)
    const result = await chat()
    expect(h.sleeps).toEqual([2000])
    expect(h.rateLimits).toEqual([2000])
    expect(result.attempts).toBe(2)
    expect(result.requestId).toMatch(/^req_fake_/)
  })

  it('honours Retry-After as an HTTP date', async () => {
    h.api.script('chat', fault.rateLimit({ retryAfterDateIn: 5 }), fault.ok)
    await chat()
    expect(h.sleeps).toHaveLength(1)
    // An HTTP date has whole seconds: somewhere in the last seconds before the date.
    expect(h.sleeps[0]).toBeGreaterThan(3_000)
    expect(h.sleeps[0]).toBeLessThanOrEqual(5_000)
  })

  it('prefers retry-after-ms', async () => {
    h.api.script('chat', fault.rateLimit({ retryAfterMs: 1500, retryAfter: 9 }), fault.ok)
    await chat()
    expect(h.sleeps).toEqual([1500])
  })

  it("honours Gemini's RetryInfo delay in the body", async () => {
    h.api.dialect = 'gemini'
    h.api.script('chat', fault.rateLimit({ geminiDelay: '1.5s' }), fault.ok)
    await chat()
    expect(h.sleeps).toEqual([1500])
  })

  it('backs off exponentially with jitter when the vendor names no wait', async () => {
    h.api.script('chat', fault.rateLimit(), fault.serverError(502), fault.serverError(503), fault.ok)
    const result = await chat()
    // random() = 0.5 and jitter 0.5 take a quarter off 500, 1000, 2000.
    expect(h.sleeps).toEqual([375, 750, 1500])
    expect(result.attempts).toBe(4)
  })

  it('fails at once when the vendor asks for a wait above the cap', async () => {
    h.api.script('chat', fault.rateLimit({ retryAfter: 3600 }))
    const error = await rejection(chat())
    expect(error).toBeInstanceOf(ProviderError)
    expect(error.code).toBe('E_PROVIDER_RATE_LIMIT')
    expect(error.message).toContain('asked to wait 3600 s')
    expect(h.sleeps).toEqual([])
    expect(h.rateLimits).toEqual([60_000])
  })

  it.each([
    ['insufficient_quota', fault.insufficientQuota, 'E_PROVIDER_QUOTA'],
    ['a per-day quota', fault.perDayQuota, 'E_PROVIDER_QUOTA'],
    ['a content-policy 400', fault.contentPolicy, 'E_PROVIDER_REFUSED'],
    ['401', fault.unauthorized, 'E_PROVIDER_AUTH'],
    ['403', fault.forbidden, 'E_PROVIDER_AUTH'],
    ['402', fault.status(402, { message: 'Insufficient credits' }), 'E_PROVIDER_QUOTA'],
    ['404', fault.status(404, { message: 'The model does not exist', code: 'model_not_found' }), 'E_PROVIDER_HTTP'],
    ['422', fault.status(422, { message: 'Unprocessable' }), 'E_PROVIDER_HTTP'],
  ])('does not retry %s', async (_name, responder, code) => {
    if (_name === 'a per-day quota') h.api.dialect = 'gemini'
    h.api.script('chat', responder, fault.ok)
    const error = await rejection(chat())
    expect(error.code).toBe(code)
    expect(h.api.requestsTo('chat')).toHaveLength(1)
    // Gemini names no request id: the one we sent stands in.
    expect(error.message).toMatch(/\[request (req_fake_1|vimax-[0-9a-f-]{36}), 1 attempt\]$/)
  })

  it('does not retry an OpenRouter 403 moderation flag', async () => {
    h.api.dialect = 'openrouter'
    h.api.script('chat', fault.status(403, { message: 'Input flagged', metadata: { reasons: ['violence'], flagged_input: 'x' } }))
    const error = await rejection(chat())
    expect(error.code).toBe('E_PROVIDER_REFUSED')
    expect(error.message).toContain('violence')
    expect(String(error.hint)).toContain('edit the prompt of shot 1.2')
  })

  it('gives up after the budget with a message naming everything', async () => {
    h.api.script('chat', ...fault.repeat(4, fault.serverError(500)))
    const error = (await rejection(chat())) as unknown as ProviderError
    expect(error).toBeInstanceOf(ProviderError)
    expect(error.code).toBe('E_PROVIDER_HTTP')
    expect(error.retryable).toBe(true)
    expect(error.message).toMatch(/^acme:m-1 \(shot 1\.2\): POST \/v1\/chat\/completions: HTTP 500: .*\[request req_fake_4, 4 attempts\]$/)
    expect(error.hint).toContain('acme is failing')
    expect(h.api.requestsTo('chat')).toHaveLength(4)
  })

  it('lets x-should-retry: false stop a retry and true force one', async () => {
    h.api.script('chat', fault.status(500, { message: 'no' }, { 'x-should-retry': 'false' }))
    await rejection(chat())
    expect(h.api.requestsTo('chat')).toHaveLength(1)
    h.api.reset()
    h.api.script('chat', fault.status(400, { message: 'try again' }, { 'x-should-retry': 'true' }), fault.ok)
    expect((await chat()).attempts).toBe(2)
  })

  it('maps every dialect of a 503, including an HTML page', async () => {
    for (const dialect of ['openai', 'openrouter', 'gemini', 'gemini-openai', 'vllm', 'ollama', 'fal'] as const) {
      h.api.reset()
      h.api.dialect = dialect
      h.api.script('chat', ...fault.repeat(4, fault.status(503, { message: `overloaded (${dialect})` })))
      const error = await rejection(chat())
      expect(error.message).toContain(`HTTP 503: overloaded (${dialect})`)
    }
    h.api.reset()
    h.api.script('chat', ...fault.repeat(4, fault.html503))
    const error = await rejection(chat())
    expect(error.message).toContain('HTTP 503: Error 503 Service Unavailable The upstream is overloaded.')
  })

  it('logs one redacted entry per attempt', async () => {
    h.api.script('chat', fault.serverError(502), fault.ok)
    await chat()
    expect(h.logs.map((e) => [e.attempt, e.status, e.error?.code, e.retryInMs])).toEqual([
      [1, 502, 'E_PROVIDER_HTTP', 375],
      [2, 200, undefined, undefined],
    ])
    expect(new Set(h.logs.map((e) => e.callId)).size).toBe(1)
    expect(h.logs[0]).toMatchObject({ provider: 'acme', model: 'm-1', method: 'POST', subject: 'shot 1.2', url: `${h.api.url}/v1/chat/completions` })
  })
})
