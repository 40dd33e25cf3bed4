import { describe, expect, it } from 'vitest'
import { DEFAULT_TIME_SCALE, parseBenchFlags } from '../../../src/bench/bench-options.js'
import { ConfigError } from '../../../src/errors.js'
import { SAME_CALLS } from '../../../src/bench/vimax-model.js'

describe('parseBenchFlags', () => {
  it('defaults: the realistic latencies scaled, the serial scenario in the concurrency list, no synthetic board', () => {
    const settings = parseBenchFlags({})
    expect(settings.latency).toEqual({ unscaled: { chat: 2000, image: 8000, video: 60000, speech: 2000, music: 30000 }, scale: DEFAULT_TIME_SCALE })
    expect(settings.concurrency).toEqual([1, 4, 16])
    expect(settings.shots).toEqual([])
    expect(settings.maxRegression).toBe(0.1)
    expect(settings.constants).toEqual(SAME_CALLS)
    expect(settings.real).toBe(false)
  })

  it('reads every flag', () => {
    const settings = parseBenchFlags({
      runs: '3',
      latency: 'video=30s',
      timeScale: '0.01',
      concurrency: '16,4,4',
      shots: '500,100,500',
      baseline: 'b.json',
      maxRegression: '25%',
      vimaxConstants: 'depth=1,selectors=2,planning=2',
    })
    expect(settings).toMatchObject({
      runs: 3,
      latency: { unscaled: { chat: 2000, image: 8000, video: 30000 }, scale: 0.01 },
      // Without 1 in the list there is no serial scenario (a 500-shot board in series takes many minutes).
      concurrency: [4, 16],
      shots: [500, 100],
      maxRegression: 0.25,
      constants: { cameraTreeDepth: 1, selectorCallsPerFrame: 2, planningCallsPerScene: 2 },
    })
  })

  it.each([
    [{ runs: '0' }, /--runs: expected an integer ≥ 1, got "0"/],
    [{ runs: '1.5' }, /--runs/],
    [{ concurrency: '4,,16' }, /--concurrency: expected numbers separated by commas/],
    [{ concurrency: 'many' }, /--concurrency: expected an integer/],
    [{ timeScale: '0' }, /--time-scale: expected a number in \(0, 1\]/],
    [{ timeScale: 'fast' }, /--time-scale/],
    [{ latency: 'audio=2s' }, /--latency: expected kind=duration pairs/],
    [{ latency: 'video=soon' }, /--latency video: expected a duration/],
    [{ maxRegression: '10%' }, /--max-regression needs --baseline/],
    [{ baseline: 'b.json', maxRegression: 'ten' }, /--max-regression: expected a percentage/],
    [{ real: true, timeScale: '0.5' }, /do not apply with --real/],
    [{ vimaxConstants: 'depth=-1' }, /--vimax-constants/],
    [{ shots: '0' }, /--shots: expected an integer ≥ 1, got "0"/],
    [{ shots: 'many' }, /--shots: expected an integer ≥ 1, got "many"/],
    [{ shots: '2.5' }, /--shots: expected an integer ≥ 1/],
    [{ shots: '100,' }, /--shots: expected numbers separated by commas/],
    [{ shots: '20000' }, /--shots: at most 10000 shots, got 20000/],
  ])('%j is a usage error', (flags, message) => {
    expect(() => parseBenchFlags(flags)).toThrow(ConfigError)
    expect(() => parseBenchFlags(flags)).toThrow(message)
  })
})
