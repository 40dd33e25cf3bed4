import { describe, expect, it } from 'vitest'
import { formatSrt, parseSrt, speechCues } from '../../../src/media/subtitles.js'

describe('speechCues', () => {
  it('starts each cue with its voice and ends it shortly after, before the next line', () => {
    const cues = speechCues([
      { text: 'A: one', startS: 0.35, endS: 1.2 },
      { text: 'B: two', startS: 1.4, endS: 3 },
      { text: 'A: three', startS: 5, endS: 6 },
    ])
    expect(cues.map((cue) => cue.start)).toEqual([0.35, 1.4, 5])
    expect(cues[0]!.end).toBeCloseTo(1.35)
    expect(cues[1]!.end).toBeCloseTo(3.4)
    expect(cues[2]!.end).toBeCloseTo(6.4)
  })

  it('survives SubRip to the millisecond', () => {
    const cues = speechCues([{ text: 'A: hi', startS: 12.3456, endS: 13 }])
    expect(parseSrt(formatSrt(cues))[0]!.start).toBeCloseTo(12.346, 3)
  })
})
