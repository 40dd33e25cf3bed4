import { describe, expect, it } from 'vitest'
import { timelineSvg } from '../../../src/report/timeline-svg.js'
import { call, T0 } from './report-fixture.js'

const bars = (svg: string) => [...svg.matchAll(/<rect class="call([^"]*)" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"/g)].map((m) => ({ classes: m[1]!.trim(), x: Number(m[2]), y: Number(m[3]), width: Number(m[4]) }))

describe('timelineSvg', () => {
  it('draws nothing without calls', () => {
    expect(timelineSvg({ calls: [], startedAt: T0, wallMs: 1000 })).toBe('')
  })

  it('draws one bar per call, one lane per provider:kind, and the wait apart from the bar', () => {
    const calls = [
      call({ provider: 'openai', kind: 'chat', startedAt: T0, ms: 2000 }),
      call({ provider: 'fal', kind: 'image', startedAt: T0 + 2000, queuedMs: 1000, ms: 3000 }),
      call({ provider: 'fal', kind: 'image', startedAt: T0 + 2000, ms: 500, cached: true }),
      call({ provider: 'fal', kind: 'video', startedAt: T0 + 6000, ms: 4000, ok: false, errorCode: 'E_PROVIDER_HTTP' }),
    ]
    const svg = timelineSvg({ calls, startedAt: T0, wallMs: 10_000 })
    expect(bars(svg)).toHaveLength(4)
    expect([...svg.matchAll(/data-lane="([^"]+)"/g)].map((m) => m[1])).toEqual(['openai:chat', 'fal:image', 'fal:video'])
    expect(svg.match(/<rect class="wait"/g)).toHaveLength(1)
    expect(bars(svg).map((bar) => bar.classes)).toEqual(['kind-chat', 'kind-image', 'kind-image cached', 'kind-video failed'])
  })

  it('stacks calls that overlap in a lane on their own tracks, and reuses a free track', () => {
    const calls = [
      call({ startedAt: T0, ms: 4000 }),
      call({ startedAt: T0 + 1000, ms: 1000 }),
      call({ startedAt: T0 + 5000, ms: 1000 }),
    ]
    const [a, b, c] = bars(timelineSvg({ calls, startedAt: T0, wallMs: 6000 }))
    expect(b!.y).toBeGreaterThan(a!.y)
    expect(c!.y).toBe(a!.y)
    expect(b!.x).toBeGreaterThan(a!.x)
  })

  it('keeps a cache hit of 0 ms visible', () => {
    const [hit] = bars(timelineSvg({ calls: [call({ ms: 0, cached: true })], startedAt: T0, wallMs: 600_000 }))
    expect(hit!.width).toBeGreaterThanOrEqual(3)
  })

  it('titles each bar with its subject, model, time and cost', () => {
    const svg = timelineSvg({
      calls: [call({ subject: 'shot 2.1', provider: 'fal', model: 'kling', queuedMs: 250, ms: 1234, costUsd: 0.35 }), call({ subject: 'cast', cached: true, savedUsd: undefined })],
      startedAt: T0,
      wallMs: 5000,
    })
    expect(svg).toContain('<title>shot 2.1 · fal:kling\n1234 ms at the provider, 250 ms waiting for a slot\ncost $0.35</title>')
    expect(svg).toContain('cache hit, saved unknown')
  })

  it('labels the time axis', () => {
    const svg = timelineSvg({ calls: [call({ startedAt: T0, ms: 1000 })], startedAt: T0, wallMs: 10_000 })
    const ticks = [...svg.matchAll(/<text class="tick"[^>]*>([^<]+)</g)].map((m) => m[1])
    expect(ticks[0]).toBe('0 s')
    expect(ticks).toContain('10 s')
  })
})
