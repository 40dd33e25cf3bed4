import { createHash } from 'node:crypto'

/** A small seeded generator: the same inputs give the same story, run after run. */
export interface Rng {
  /** In [0, 1). */
  next(): number
  int(min: number, max: number): number
  pick<T>(list: readonly T[]): T
  /** `count` distinct items, in a seeded order. */
  sample<T>(list: readonly T[], count: number): T[]
}

export function rngFrom(...parts: readonly (string | number)[]): Rng {
  const digest = createHash('sha256').update(parts.map(String).join('\u0000')).digest()
  let state = digest.readUInt32LE(0)
  // mulberry32: tiny, fast and well distributed enough for picking words.
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T,
    sample<T>(list: readonly T[], count: number) {
      const pool = [...list]
      const out: T[] = []
      while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0] as T)
      return out
    },
  }
}
