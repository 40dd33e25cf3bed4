import { describe, expect, it } from 'vitest'
import { backoffMs, DEFAULT_RETRY_POLICY, parseGoogleDuration, retryAfterFromHeaders } from '../../../src/providers/http/index.js'

describe('retry timing', () => {
  const now = Date.parse('2026-01-01T00:00:00Z')

  it('reads retry-after-ms, seconds and HTTP dates', () => {
    expect(retryAfterFromHeaders({ 'retry-after-ms': '1234.5' }, now)).toBe(1235)
    expect(retryAfterFromHeaders({ 'retry-after': '7' }, now)).toBe(7000)
    expect(retryAfterFromHeaders({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, now)).toBe(30_000)
    expect(retryAfterFromHeaders({ 'retry-after': 'Wed, 31 Dec 2025 00:00:00 GMT' }, now)).toBe(0)
    expect(retryAfterFromHeaders({ 'retry-after': 'soon' }, now)).toBeUndefined()
    expect(retryAfterFromHeaders({}, now)).toBeUndefined()
  })

  it('reads protobuf durations', () => {
    expect(parseGoogleDuration('37s')).toBe(37_000)
    expect(parseGoogleDuration('1.5s')).toBe(1_500)
    expect(parseGoogleDuration('soon')).toBeUndefined()
  })

  it('doubles, caps and jitters the backoff', () => {
    const fixed = { ...DEFAULT_RETRY_POLICY, jitter: 0 }
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, fixed, () => 0.5))).toEqual([500, 1000, 2000, 4000, 8000, 8000])
    const full = { ...DEFAULT_RETRY_POLICY, jitter: 1 }
    expect(backoffMs(3, full, () => 0)).toBe(2000)
    expect(backoffMs(3, full, () => 0.999)).toBe(2)
  })
})
