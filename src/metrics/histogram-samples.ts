import type { Labels, Sample } from './metric-family.js'

/**
 * One histogram series from its raw observations: cumulative `_bucket`s up to `+Inf`, `_sum` and
 * `_count`. Bounds are given in milliseconds so every comparison is exact (0.05 s is not).
 */
export function histogramSamples(labels: Labels, observationsMs: readonly number[], boundsMs: readonly number[]): Sample[] {
  const buckets = boundsMs.map((bound) => ({
    suffix: '_bucket' as const,
    labels: { ...labels, le: String(bound / 1000) },
    value: observationsMs.filter((ms) => ms <= bound).length,
  }))
  return [
    ...buckets,
    { suffix: '_bucket', labels: { ...labels, le: '+Inf' }, value: observationsMs.length },
    { suffix: '_sum', labels, value: sumInOrder(observationsMs) / 1000 },
    { suffix: '_count', labels, value: observationsMs.length },
  ]
}

/**
 * Sums after sorting: float addition depends on order, and calls finish in a different order each
 * run, so an unsorted sum could change the file's last digits between identical runs. Rounded to
 * 15 significant digits (all a double holds reliably) so $0.10 + $0.20 reads 0.3, not 0.30000000000000004.
 */
export function sumInOrder(values: readonly number[]): number {
  const total = [...values].sort((a, b) => a - b).reduce((sum, value) => sum + value, 0)
  return Number(total.toPrecision(15))
}
