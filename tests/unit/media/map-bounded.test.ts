import { describe, expect, it } from 'vitest'
import { mapBounded } from '../../../src/media/map-bounded.js'

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('mapBounded', () => {
  it('keeps order and never exceeds the limit', async () => {
    let inFlight = 0
    let peak = 0
    const out = await mapBounded([1, 2, 3, 4, 5], 2, async (n) => {
      peak = Math.max(peak, ++inFlight)
      await tick()
      inFlight--
      return n * 10
    })
    expect(out).toEqual([10, 20, 30, 40, 50])
    expect(peak).toBe(2)
  })

  it('stops starting work after a failure and settles only when started work has', async () => {
    const started: number[] = []
    let finished = 0
    let aborted = false
    const run = mapBounded(
      [1, 2, 3, 4],
      2,
      async (n) => {
        started.push(n)
        await tick()
        if (n === 1) throw new Error('boom')
        await tick()
        finished++
        return n
      },
      () => (aborted = true),
    )
    await expect(run).rejects.toThrow('boom')
    expect(aborted).toBe(true)
    expect(started).toEqual([1, 2])
    expect(finished).toBe(1)
  })
})
