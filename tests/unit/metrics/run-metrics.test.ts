import { describe, expect, it } from 'vitest'
import type { CallEnd } from '../../../src/pipeline/events.js'
import { createRunMetrics } from '../../../src/metrics/run-metrics.js'
import { parsePrometheusText, valueOf } from '../../support/prometheus-text.js'
import { callEnd } from './call-end.js'

const RUN = { status: 'complete', wallMs: 61_500, finishedAt: 1_700_000_061_500 }
const failure = { code: 'E_PROVIDER_FAILED', message: 'filtered' }
const chat = { kind: 'chat', provider: 'openai', model: 'gpt-4.1-mini' } as const
const veo = { kind: 'video', provider: 'gemini', model: 'veo-3.0-fast' } as const

// A small film: three chat calls, two paid images and a hit, and video calls of every sort.
const FILM: readonly CallEnd[] = [
  callEnd({ ...chat, ms: 50, costUsd: 0.001 }),
  callEnd({ ...chat, ms: 800, costUsd: 0.002 }),
  callEnd({ ...chat, ms: 2_000, costUsd: 0.003 }),
  callEnd({ ms: 9_000, queuedMs: 250 }),
  callEnd({ ms: 9_000, queuedMs: 750 }),
  callEnd({ cached: true, ms: 3, costUsd: undefined, savedUsd: 0.04 }),
  callEnd({ ...veo, ms: 90_000, queuedMs: 30_000, costUsd: 1.2 }),
  callEnd({ ...veo, ms: 600_000, costUsd: undefined }), // a price we do not know
  callEnd({ ...veo, ms: 660_000, costUsd: 1.2 }), // longer than the last finite bucket
  callEnd({ ...veo, ms: 5_000, costUsd: undefined, error: failure }), // failed: not billed
  callEnd({ ...veo, ms: 40_000, costUsd: undefined, resumed: true }), // paid for by an earlier run
  callEnd({ ...veo, cached: true, ms: 2, costUsd: undefined, savedUsd: undefined }),
  callEnd({ kind: 'video', provider: 'fal', model: 'kling', ms: 120_000, costUsd: undefined }),
]

function render(events: readonly CallEnd[], run: Parameters<ReturnType<typeof createRunMetrics>['render']>[0] = RUN): string {
  const metrics = createRunMetrics()
  for (const event of events) metrics.observe(event)
  return metrics.render(run)
}

const lane = (provider: string, kind: string) => ({ provider, kind })

describe('createRunMetrics', () => {
  it('declares every family once, with its type, and every sample belongs to one', () => {
    const families = parsePrometheusText(render(FILM))
    expect(Object.fromEntries([...families.values()].map((family) => [family.name, family.type]))).toEqual({
      vimax_cache_hits_total: 'counter',
      vimax_call_duration_seconds: 'histogram',
      vimax_call_queue_seconds: 'histogram',
      vimax_calls_total: 'counter',
      vimax_calls_unpriced_total: 'counter',
      vimax_cost_usd_total: 'counter',
      vimax_run_duration_seconds: 'gauge',
      vimax_run_finished_timestamp_seconds: 'gauge',
      vimax_run_status: 'gauge',
      vimax_saved_usd_total: 'counter',
    })
    for (const family of families.values()) expect(family.help?.length).toBeGreaterThan(20)
  })

  it('counts calls by provider, kind, model, cached and status', () => {
    const families = parsePrometheusText(render(FILM))
    const calls = (labels: Record<string, string>) => valueOf(families, 'vimax_calls_total', labels)
    expect(calls({ ...lane('openai', 'chat'), model: 'gpt-4.1-mini', cached: 'false', status: 'ok' })).toBe(3)
    expect(calls({ ...lane('openai', 'image'), model: 'gpt-image-1', cached: 'false', status: 'ok' })).toBe(2)
    expect(calls({ ...lane('openai', 'image'), model: 'gpt-image-1', cached: 'true', status: 'ok' })).toBe(1)
    expect(calls({ ...lane('gemini', 'video'), model: 'veo-3.0-fast', cached: 'false', status: 'ok' })).toBe(4)
    expect(calls({ ...lane('gemini', 'video'), model: 'veo-3.0-fast', cached: 'false', status: 'error' })).toBe(1)
    const total = families.get('vimax_calls_total')!.samples.reduce((sum, sample) => sum + sample.value, 0)
    expect(total).toBe(FILM.length)
  })

  it('counts cache hits per kind, with a zero for a kind that had none', () => {
    const families = parsePrometheusText(render(FILM))
    expect(families.get('vimax_cache_hits_total')!.samples.map((sample) => [sample.labels.kind, sample.value])).toEqual([
      ['chat', 0],
      ['image', 1],
      ['music', 0],
      ['speech', 0],
      ['video', 1],
    ])
  })

  it('times only the calls that were not cache hits, in cumulative buckets from 50 ms to 10 min', () => {
    const families = parsePrometheusText(render(FILM))
    const duration = (suffix: string, labels: Record<string, string>) => valueOf(families, `vimax_call_duration_seconds${suffix}`, labels)
    // The image hit took 3 ms: counted, it would land in the first bucket.
    expect(duration('_count', lane('openai', 'image'))).toBe(2)
    expect(duration('_bucket', { ...lane('openai', 'image'), le: '0.05' })).toBe(0)
    expect(duration('_sum', lane('openai', 'image'))).toBe(18)
    // 50 ms sits exactly on the first bound, and bounds are inclusive.
    expect(duration('_bucket', { ...lane('openai', 'chat'), le: '0.05' })).toBe(1)
    expect(duration('_bucket', { ...lane('openai', 'chat'), le: '1' })).toBe(2)
    expect(duration('_bucket', { ...lane('openai', 'chat'), le: '2.5' })).toBe(3)
    expect(duration('_sum', lane('openai', 'chat'))).toBe(2.85)
    // Video: the hit (2 ms) is left out; the failed and the resumed call did take provider time.
    expect(duration('_count', lane('gemini', 'video'))).toBe(5)
    expect(duration('_bucket', { ...lane('gemini', 'video'), le: '600' })).toBe(4)
    expect(duration('_bucket', { ...lane('gemini', 'video'), le: '+Inf' })).toBe(5)
    expect(duration('_sum', lane('gemini', 'video'))).toBe(1_395)
    const bounds = families.get('vimax_call_duration_seconds')!.samples.filter((s) => s.name.endsWith('_bucket') && s.labels.provider === 'fal').map((s) => s.labels.le)
    expect(bounds[0]).toBe('0.05')
    expect(bounds.at(-2)).toBe('600')
  })

  it('records the wait for a lane as its own histogram, hits left out', () => {
    const families = parsePrometheusText(render(FILM))
    expect(valueOf(families, 'vimax_call_queue_seconds_sum', lane('openai', 'image'))).toBe(1)
    expect(valueOf(families, 'vimax_call_queue_seconds_count', lane('openai', 'image'))).toBe(2)
    expect(valueOf(families, 'vimax_call_queue_seconds_bucket', { ...lane('openai', 'image'), le: '0.5' })).toBe(1)
    expect(valueOf(families, 'vimax_call_queue_seconds_sum', lane('gemini', 'video'))).toBe(30)
  })

  it('sums known costs and savings, and counts an unknown price as unpriced, never as $0', () => {
    const families = parsePrometheusText(render(FILM))
    expect(valueOf(families, 'vimax_cost_usd_total', lane('openai', 'chat'))).toBe(0.006)
    expect(valueOf(families, 'vimax_cost_usd_total', lane('openai', 'image'))).toBe(0.08)
    expect(valueOf(families, 'vimax_cost_usd_total', lane('gemini', 'video'))).toBe(2.4)
    // fal's only call has no price: no spend series at all rather than a false 0.
    expect(valueOf(families, 'vimax_cost_usd_total', lane('fal', 'video'))).toBeUndefined()
    expect(valueOf(families, 'vimax_calls_unpriced_total', lane('fal', 'video'))).toBe(1)
    // Of gemini's unpriced calls only the paid one counts: a failed job is not billed, a resumed one was paid before.
    expect(valueOf(families, 'vimax_calls_unpriced_total', lane('gemini', 'video'))).toBe(1)
    expect(valueOf(families, 'vimax_calls_unpriced_total', lane('openai', 'image'))).toBe(0)
    expect(valueOf(families, 'vimax_saved_usd_total', lane('openai', 'image'))).toBe(0.04)
    // gemini's hit had no known price: nothing claimed as saved.
    expect(valueOf(families, 'vimax_saved_usd_total', lane('gemini', 'video'))).toBeUndefined()
  })

  it('reports the run: wall time, finish time and status', () => {
    const families = parsePrometheusText(render(FILM, { ...RUN, status: 'failed' }))
    expect(valueOf(families, 'vimax_run_duration_seconds', {})).toBe(61.5)
    expect(valueOf(families, 'vimax_run_finished_timestamp_seconds', {})).toBe(1_700_000_061.5)
    expect(families.get('vimax_run_status')!.samples).toEqual([{ name: 'vimax_run_status', labels: { status: 'failed' }, value: 1 }])
  })

  it('labels every series with the spec when given, so one file per spec can share a textfile folder', () => {
    const families = parsePrometheusText(render(FILM, { ...RUN, spec: 'lighthouse-idea' }))
    const samples = [...families.values()].flatMap((family) => family.samples)
    expect(samples.length).toBeGreaterThan(50)
    for (const sample of samples) expect(sample.labels.spec).toBe('lighthouse-idea')
  })

  it('escapes a backslash, a double quote and a newline in a label value', () => {
    const model = 'we"ird\\model\nv2'
    const text = render([callEnd({ model })], { ...RUN, spec: 'a "quoted"\\spec' })
    expect(text).toContain('model="we\\"ird\\\\model\\nv2"')
    expect(text.split('\n').filter((line) => line.includes('we\\"ird'))).toHaveLength(1)
    const families = parsePrometheusText(text)
    expect(families.get('vimax_calls_total')!.samples[0]!.labels).toMatchObject({ model, spec: 'a "quoted"\\spec' })
  })

  it('keeps subjects out of the labels: a thousand shots make no more series than one', () => {
    const one = render([callEnd({ subject: 'frame 1.1' })])
    const many = render(Array.from({ length: 1_000 }, (_, n) => callEnd({ subject: `frame ${n}`, cacheKey: `v1:${n}` })))
    expect(many.split('\n')).toHaveLength(one.split('\n').length)
    expect(many).not.toContain('frame 7')
  })

  it('sorts families by name and series by their labels', () => {
    const text = render(FILM)
    const names = [...text.matchAll(/^# TYPE (\S+)/gm)].map((match) => match[1]!)
    expect(names).toEqual([...names].sort())
    const calls = text.split('\n').filter((line) => line.startsWith('vimax_calls_total{'))
    expect(calls).toEqual([...calls].sort())
    expect(calls[0]).toMatch(/^vimax_calls_total\{provider="fal",/)
  })

  it('adds money without float noise: $0.10 + $0.20 is 0.3', () => {
    const text = render([callEnd({ costUsd: 0.1 }), callEnd({ costUsd: 0.2 })])
    expect(text).toContain('vimax_cost_usd_total{provider="openai",kind="image"} 0.3\n')
  })

  it('gives the same text for the same calls in any order', () => {
    // Prices whose float sum depends on the order they are added in: (0.1 + 0.2) + 0.3 ≠ (0.3 + 0.2) + 0.1.
    const film = [...FILM, ...[0.1, 0.2, 0.3].map((costUsd) => callEnd({ provider: 'fal', costUsd, ms: 100.1 + costUsd }))]
    const expected = render(film)
    const reversed = [...film].reverse()
    const interleaved = [...film.filter((_, n) => n % 2 === 1), ...film.filter((_, n) => n % 2 === 0)]
    const rotated = [...film.slice(5), ...film.slice(0, 5)]
    for (const order of [reversed, interleaved, rotated]) expect(render(order)).toBe(expected)
    expect(expected.endsWith('\n')).toBe(true)
    expect(expected.endsWith('\n\n')).toBe(false)
  })

  it('still writes a valid file for a run that made no calls', () => {
    const families = parsePrometheusText(render([]))
    expect(families.size).toBe(10)
    expect(families.get('vimax_calls_total')!.samples).toEqual([])
    expect(valueOf(families, 'vimax_run_status', { status: 'complete' })).toBe(1)
  })

  it('ignores every event but call:end', () => {
    const metrics = createRunMetrics()
    metrics.observe({ type: 'call:start', callId: 1, kind: 'chat', provider: 'openai', model: 'm', subject: undefined })
    metrics.observe({ type: 'warning', message: 'x' })
    expect(metrics.render(RUN)).toBe(render([]))
  })
})
