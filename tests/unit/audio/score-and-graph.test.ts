import { describe, expect, it } from 'vitest'
import { gainForTarget } from '../../../src/audio/limited-gain.js'
import { measureGraph, renderGraph, trialGraph } from '../../../src/audio/mix-graph.js'
import { planScore, scoreChannel, SCORE_MOODS } from '../../../src/audio/score-plan.js'

describe('planScore', () => {
  it('is the same for the same seed and mood, and differs by seed', () => {
    expect(planScore(3, 'calm')).toEqual(planScore(3, 'calm'))
    const seeds = new Set(Array.from({ length: 8 }, (_, seed) => scoreChannel(planScore(seed, 'calm'), 1)))
    expect(seeds.size).toBeGreaterThan(1)
  })

  it('maps a mood word outside the table to one of its moods, the same one every time', () => {
    const plan = planScore(1, 'Melancholy Dusk')
    expect(SCORE_MOODS).toContain(SCORE_MOODS.find((mood) => planScore(1, mood).tempo === plan.tempo))
    expect(planScore(1, 'melancholy dusk')).toEqual(plan)
    expect(planScore(1, 'sad').mode).toBe('minor')
    expect(planScore(1, 'joyful').mode).toBe('major')
  })
})

describe('mix graphs', () => {
  const all = { dialogueGainDb: 1, musicGainDb: -12, ambienceGainDb: -18 }

  it('ducks music and ambience by the dialogue sidechain, sums three stems without dividing, and meters the sum with ebur128', () => {
    const graph = measureGraph(all)
    expect(graph.match(/sidechaincompress/g)).toHaveLength(2)
    expect(graph).toContain('amerge=inputs=3,pan=stereo|c0=c0+c2+c4|c1=c1+c3+c5')
    expect(graph).toContain('[sum]ebur128=peak=true:framelog=verbose[out]')
    expect(graph).not.toContain('amix')
    expect(graph).not.toContain('loudnorm')
  })

  it('tries several gains into the limiter in one pass, each with its own meter', () => {
    const graph = trialGraph(all, [5, 6.5], -2.3)
    expect(graph).toContain('[sum]asplit=2[t0][t1]')
    expect(graph).toContain('[t0]volume=5.00dB,alimiter=limit=0.7674:attack=5:release=50:level=0,ebur128=framelog=verbose[out]')
    expect(graph).toContain('[t1]volume=6.50dB,alimiter=limit=0.7674:attack=5:release=50:level=0,ebur128=framelog=verbose,anullsink')
  })

  it('renders one gain on the sum and every stem, the limiter only when asked, and meters the track', () => {
    const graph = renderGraph(all, { gainDb: 10, ceilingDb: -2.3 })
    expect(graph.match(/volume=10\.00dB\[s[dma]\]/g)).toHaveLength(3)
    expect(graph).toContain('[sum]volume=10.00dB,alimiter=limit=0.7674:attack=5:release=50:level=0,ebur128=peak=true:framelog=verbose[out]')
    expect(graph).not.toContain('loudnorm')
  })

  it('mixes dialogue alone without amerge or limiter', () => {
    const graph = renderGraph({ dialogueGainDb: 0 }, { gainDb: 0 })
    expect(graph).not.toContain('amerge')
    expect(graph).not.toContain('alimiter')
    expect(graph).toContain('[sum]volume=0.00dB,ebur128=peak=true:framelog=verbose[out]')
    expect(graph).toContain('[d]volume=0.00dB[sd]')
  })
})

describe('gainForTarget', () => {
  const trials = [
    { gainDb: 9.4, lufs: -16.1 },
    { gainDb: 10.9, lufs: -15.4 },
    { gainDb: 12.4, lufs: -14.7 },
    { gainDb: 13.9, lufs: -14 },
    { gainDb: 15.4, lufs: -13.3 },
  ]

  it('reads the gain between the two trials that bracket the target', () => {
    expect(gainForTarget(trials, -14, 30)).toBeCloseTo(13.9, 5)
    expect(gainForTarget(trials, -15, 30)).toBeCloseTo(10.9 + (0.4 / 0.7) * 1.5, 5)
  })

  it('keeps the first gain when it is already loud enough, and extrapolates past the last up to the cap', () => {
    expect(gainForTarget(trials, -17, 30)).toBe(9.4)
    expect(gainForTarget(trials, -12.6, 30)).toBeCloseTo(16.9, 5)
    expect(gainForTarget(trials, -10, 17)).toBe(17)
  })
})
