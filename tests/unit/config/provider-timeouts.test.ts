import { describe, expect, it } from 'vitest'
import { mergeConfigs } from '../../../src/config/merge-configs.js'
import { providerTimeouts } from '../../../src/providers/provider-timeouts.js'

describe('providers.<id>.timeouts', () => {
  it('merge field by field across config files, like lanes', () => {
    const merged = mergeConfigs([
      { providers: { gemini: { type: 'gemini', timeouts: { request: '2m', video_job: '30m' } } } },
      { providers: { gemini: { timeouts: { video_job: '45m' } } } },
    ])
    expect(merged.providers?.gemini?.timeouts).toEqual({ request: '2m', video_job: '45m' })
  })

  it('become the HTTP layer’s and the job loops’ milliseconds; the older `timeout` is the total', () => {
    expect(providerTimeouts('fal', { timeout: '20m', timeouts: { request: '15m', body: '30s', video_job: '1h', image_job: '2m' } })).toEqual({
      // A wait for headers longer than the whole attempt would never be reached: the attempt grows with it.
      http: { headersMs: 900_000, attemptMs: 900_000, idleMs: 30_000, totalMs: 1_200_000 },
      videoJobMs: 3_600_000,
      imageJobMs: 120_000,
    })
    expect(providerTimeouts('x', { timeout: '20m', timeouts: { total: '5m' } }).http).toEqual({ totalMs: 300_000 })
    expect(providerTimeouts('x', {})).toEqual({ http: {} })
  })
})
