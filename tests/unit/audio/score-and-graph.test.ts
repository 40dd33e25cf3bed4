import { describe, expect, it } from 'vitest'
import { measureGraph, renderGraph } from '../../../src/audio/mix-graph.js'
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
  const target = { integrated: -14, truePeak: -1 }

  it('ducks music and ambience by the dialogue sidechain and sums three stems without dividing', () => {
    const graph = measureGraph(all, target)
    expect(graph.match(/sidechaincompress/g)).toHaveLength(2)
    expect(graph).toContain('amerge=inputs=3,pan=stereo|c0=c0+c2+c4|c1=c1+c3+c5')
    expect(graph).toContain('loudnorm=I=-14:TP=-1.30:LRA=15:print_format=json[out]')
    expect(graph).not.toContain('amix')
  })

  it('renders with linear loudnorm from the measured figures and gives every stem the same gain', () => {
    const measured = { input_i: '-20.00', input_tp: '-9.00', input_lra: '5.00', input_thresh: '-30.00', target_offset: '0.10' }
    const graph = renderGraph({ ...all, preGainDb: 4, ceilingDb: -2.3 }, target, measured)
    expect(graph).toContain('measured_I=-20.00:measured_TP=-9.00:measured_LRA=5.00:measured_thresh=-30.00:offset=0.10:linear=true')
    expect(graph.match(/volume=10\.00dB\[s[dma]\]/g)).toHaveLength(3)
    expect(graph).toContain('volume=4.00dB,alimiter=limit=0.7674:attack=5:release=50:level=0[mix]')
  })

  it('mixes dialogue alone without amerge, and passes silence through untouched', () => {
    const graph = renderGraph({ dialogueGainDb: 0 }, target, undefined)
    expect(graph).not.toContain('amerge')
    expect(graph).toContain('[mix]anull[out]')
    expect(graph).toContain('[d]volume=0.00dB[sd]')
  })
})
