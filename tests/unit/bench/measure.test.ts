import { describe, expect, it } from 'vitest'
import { spread } from '../../../src/bench/measure.js'
import { round, times } from '../../../src/bench/scenario-figures.js'

describe('spread', () => {
  it('order statistics of unsorted samples', () => {
    const s = spread([5, 1, 4, 2, 3])
    expect(s).toEqual({ n: 5, median: 3, p95: 5, min: 1, max: 5, mean: 3 })
  })

  it('p95 of 100 samples is the 95th smallest; the median of an even count is the lower middle', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i)
    expect(spread(samples)).toMatchObject({ median: 50, p95: 95, min: 1, max: 100 })
  })

  it('one sample is every statistic; none is all zeros', () => {
    expect(spread([7])).toEqual({ n: 1, median: 7, p95: 7, min: 7, max: 7, mean: 7 })
    expect(spread([])).toEqual({ n: 0, median: 0, p95: 0, min: 0, max: 0, mean: 0 })
  })
})

describe('times', () => {
  it('median, min and max in ms, to a tenth', () => {
    expect(times([1200.04, 980.26, 1010])).toEqual({ median_ms: 1010, min_ms: 980.3, max_ms: 1200 })
  })

  it('round keeps the digits asked for', () => {
    expect(round(1.23456, 3)).toBe(1.235)
    expect(round(0.25, 1)).toBe(0.3)
  })
})
