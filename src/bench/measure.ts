import { performance } from 'node:perf_hooks'

export interface Spread {
  readonly n: number
  readonly median: number
  readonly p95: number
  readonly min: number
  readonly max: number
  readonly mean: number
}

/** Order statistics of a set of timings, in milliseconds. */
export function spread(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0
  const mean = sorted.reduce((total, value) => total + value, 0) / Math.max(1, sorted.length)
  return { n: sorted.length, median: at(0.5), p95: at(0.95), min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0, mean }
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now()
  const value = await work()
  return { value, ms: performance.now() - started }
}
