import { describe, expect, it } from 'vitest'
import { compareWithBaseline } from '../../../src/bench/baseline.js'
import { benchResult, scenario, specResult, standardSpec } from './bench-fixture.js'

describe('compareWithBaseline', () => {
  const baseline = benchResult([standardSpec('clockwork', 1100)])

  it('nothing regressed against itself', () => {
    expect(compareWithBaseline(baseline, baseline, 0.1)).toEqual({ regressions: [], notes: [] })
  })

  it('names each figure that got worse beyond the threshold, with both values and the change', () => {
    const slower = benchResult([
      specResult('clockwork', [
        scenario('cold', 1420),
        scenario('warm', 90),
        scenario('serial', 4400),
        scenario('concurrent-16', 1100, { efficiency: 1.4, speedup: 2.0 }),
        scenario('edit', 6500),
      ]),
    ])
    expect(compareWithBaseline(slower, baseline, 0.1).regressions).toEqual([
      'regression: clockwork cold wall 1.42 s vs 1.10 s baseline (+29% > 10%)',
      'regression: clockwork concurrent-16 efficiency 1.40 vs 1.05 baseline (+33%, beyond 10%)',
      'regression: clockwork concurrent-16 speedup 2.00× vs 2.50× baseline (−20%, beyond 10%)',
    ])
  })

  it('within the threshold, or slower by less than the noise floor, is not a regression', () => {
    const current = benchResult([
      specResult('clockwork', [
        scenario('cold', 1200), // +9%
        scenario('warm', 130), // +44%, but only 40 ms
        scenario('serial', 4400),
        scenario('concurrent-16', 1100, { efficiency: 1.1, speedup: 2.3 }),
        scenario('edit', 6500),
      ]),
    ])
    expect(compareWithBaseline(current, baseline, 0.1).regressions).toEqual([])
  })

  it('any extra provider call in a cold, warm or edit run is a regression, whatever the threshold', () => {
    const current = benchResult([
      specResult('clockwork', [
        scenario('cold', 1100),
        scenario('warm', 90, { calls: { chat: 0, image: 1, video: 0, speech: 0, music: 0 } }),
        scenario('serial', 4400),
        scenario('concurrent-16', 1100),
        scenario('edit', 6500, { calls: { chat: 0, image: 1, video: 1, speech: 0, music: 0 } }),
      ]),
    ])
    expect(compareWithBaseline(current, baseline, 5).regressions).toEqual([
      'regression: clockwork warm made 1 provider calls vs 0 baseline (any increase)',
      'regression: clockwork edit made 2 provider calls vs 1 baseline (any increase)',
    ])
  })

  it('says what it could not compare, and when the conditions differ', () => {
    const current = { ...benchResult([standardSpec('clockwork', 1100), standardSpec('lighthouse')]), simulated_latency_ms: { chat: 1, image: 1, video: 1, speech: 0, music: 0 } }
    const { regressions, notes } = compareWithBaseline(current, baseline, 0.1)
    expect(regressions).toEqual([])
    expect(notes).toEqual([
      expect.stringMatching(/^the baseline was measured with a different simulated latencies/),
      'lighthouse: not in the baseline, not compared',
    ])
  })
})
