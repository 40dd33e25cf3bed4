import { afterEach, describe, expect, it } from 'vitest'
import { fault, speechRoute } from '../../support/fake-api/index.js'
import { harness, rejection, type Harness } from './harness.js'

/** A request time shorter than the attempt's, so which one fires says which wait the attempt honoured. */
const WAITS = { attemptMs: 3_000, headersMs: 300, idleMs: 3_000, totalMs: 30_000 }

describe('a request whose answer is media bytes', () => {
  let h: Harness | undefined
  afterEach(async () => h?.close())

  const speak = (client: Harness['client'], call: Harness['call']) =>
    client.postForBytes('audio/speech', { model: 'tts-1', input: 'Hello.', voice: 'alloy', response_format: 'wav' }, { ...call, parse: (bytes) => bytes })

  it('waits for headers only as long as timeouts.request, and retries a silent host once, like a JSON call', async () => {
    h = await harness({ fake: { routes: [speechRoute()] }, client: { retry: { maxRetries: 2 }, timeouts: WAITS } })
    h.api.script('audio/speech', ...fault.repeat(3, fault.slowHeaders(5_000)))
    const error = await rejection(speak(h.client, h.call))
    expect(error.code).toBe('E_PROVIDER_TIMEOUT')
    expect(error.message).toMatch(/no answer in 0\.3 s .*no answer 2 times in a row/)
    expect(h.api.requestsTo('audio/speech')).toHaveLength(2)
  })

  it('returns the bytes of a 2xx answer', async () => {
    h = await harness({ fake: { routes: [speechRoute()] } })
    const result = await speak(h.client, h.call)
    expect(Buffer.from(result.value).subarray(0, 4).toString('ascii')).toBe('RIFF')
    expect(result.attempts).toBe(1)
  })
})
