import { describe, expect, it } from 'vitest'
import { parseRedisUrl } from '../../../src/cache/redis-url.js'
import { openRedisRateGate } from '../../../src/cache/redis-rate-gate.js'
import { createLanes } from '../../../src/pipeline/lanes.js'
import { createLocalRateGate, createRateWindow } from '../../../src/pipeline/rate-gate.js'
import { redisMissing, startRedisServer } from '../../support/redis-server.js'

/** A clock that moves only when the code under test sleeps. */
function fakeTime() {
  let at = 1_000_000
  const waits: number[] = []
  return {
    now: () => at,
    waits,
    sleep: async (ms: number) => {
      waits.push(ms)
      at += ms
    },
  }
}

describe('the per-process rate window', () => {
  it('admits rpm starts, then answers how long until the oldest leaves the minute', () => {
    const time = fakeTime()
    const window = createRateWindow({ now: time.now })
    expect([window.tryStart('p:image', 2), window.tryStart('p:image', 2)]).toEqual([0, 0])
    expect(window.tryStart('p:image', 2)).toBe(60_000)
    // Another lane has its own count.
    expect(window.tryStart('p:video', 2)).toBe(0)
  })

  it('counts starts another gate admitted, and a lowered rpm waits for enough of them to leave', () => {
    const time = fakeTime()
    const window = createRateWindow({ now: time.now, windowMs: 1_000 })
    window.note('p:chat')
    window.note('p:chat')
    window.note('p:chat')
    expect(window.tryStart('p:chat', 3)).toBe(1_000)
    expect(window.tryStart('p:chat', 1)).toBe(1_000)
  })

  it('as a gate, makes the fourth start of a 3-rpm lane wait a minute', async () => {
    const time = fakeTime()
    const gate = createLocalRateGate({ window: createRateWindow({ now: time.now }), sleep: time.sleep })
    const signal = new AbortController().signal
    for (let i = 0; i < 4; i++) await gate.admit('p:image', 3, signal)
    expect(time.waits).toEqual([60_000])
  })

  it('lanes given a gate ask it before each call of a lane with an rpm, and never for one without', async () => {
    const asked: string[] = []
    const lanes = createLanes({
      limitsFor: (_provider, kind) => (kind === 'image' ? { concurrency: 2, rpm: 5 } : { concurrency: 2 }),
      stop: new AbortController().signal,
      gate: { admit: async (lane, rpm) => void asked.push(`${lane}/${rpm}`) },
    })
    await Promise.all([lanes.get('p', 'image').run(async () => 1), lanes.get('p', 'image').run(async () => 2), lanes.get('p', 'chat').run(async () => 3)])
    expect(asked).toEqual(['p:image/5', 'p:image/5'])
  })
})

describe.skipIf(redisMissing)('the Redis rate gate', () => {
  it('warns once when Redis goes away and keeps counting starts in the process', async () => {
    const redis = await startRedisServer()
    const time = fakeTime()
    const warnings: string[] = []
    const gate = await openRedisRateGate({ target: parseRedisUrl(redis.url, 'REDIS_URL'), warn: (m) => warnings.push(m), timeoutMs: 500, sleep: time.sleep, now: time.now })
    expect(gate).toBeDefined()
    const signal = new AbortController().signal
    try {
      // Admitted by Redis, and noted locally too.
      await gate!.admit('p:image', 2, signal)
      await redis.stop()
      await gate!.admit('p:image', 2, signal)
      await gate!.admit('p:image', 2, signal)
      // The fallback knew of the start Redis admitted: the third start of a 2-rpm lane waited.
      expect(time.waits).toEqual([60_000])
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toMatch(/^rate limits: Redis at redis:\/\/127\.0\.0\.1:\d+ did not answer .*counted per run/)
    } finally {
      await gate!.close()
    }
  })

  it('is absent, after one warning, when Redis cannot be reached', async () => {
    const warnings: string[] = []
    const gate = await openRedisRateGate({ target: parseRedisUrl('redis://127.0.0.1:1', 'REDIS_URL'), warn: (m) => warnings.push(m), timeoutMs: 500 })
    expect(gate).toBeUndefined()
    expect(warnings).toEqual([expect.stringMatching(/^rate limits: cannot reach Redis at redis:\/\/127\.0\.0\.1:1 .*each run keeps its own requests-per-minute$/)])
  })
})
