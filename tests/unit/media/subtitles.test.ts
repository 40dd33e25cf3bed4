import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/errors.js'
import { formatSrt, parseSrt, timeCues, timeShotCues } from '../../../src/media/subtitles.js'

const shots = [
  { seconds: 4, dialogue: [{ speaker: 'Mira', line: 'Where does the light go?' }, { speaker: 'Keeper', line: 'Out to sea.' }] },
  { seconds: 3, dialogue: [] },
  { seconds: 5, dialogue: [{ speaker: '', line: 'A long narration that fills most of the shot with words.' }] },
  { seconds: 0.2, dialogue: [{ speaker: 'A', line: 'Hi' }, { speaker: 'B', line: 'Bye' }] },
]

describe('timeCues', () => {
  it('keeps every cue strictly inside its shot and the film, in order, without overlap', () => {
    const cues = timeCues(shots)
    expect(cues).toHaveLength(5)
    const bounds = [[0, 4], [0, 4], [7, 12], [12, 12.2], [12, 12.2]]
    cues.forEach((cue, i) => {
      const [from, to] = bounds[i]!
      expect(cue.start).toBeGreaterThan(from!)
      expect(cue.end).toBeLessThan(to!)
      expect(cue.end).toBeGreaterThan(cue.start)
      if (i > 0) expect(cue.start).toBeGreaterThan(cues[i - 1]!.end)
    })
  })

  it('prefixes the speaker, and leaves it out when empty', () => {
    expect(timeCues(shots).map((c) => c.text).slice(0, 3)).toEqual([
      'Mira: Where does the light go?',
      'Keeper: Out to sea.',
      'A long narration that fills most of the shot with words.',
    ])
  })

  it('gives longer lines more time', () => {
    const [short, long] = timeShotCues(6, [{ speaker: 'A', line: 'Yes.' }, { speaker: 'B', line: 'No, and let me tell you exactly why not.' }])
    expect(long!.end - long!.start).toBeGreaterThan(short!.end - short!.start)
  })
})

describe('SRT', () => {
  it('formats standard SubRip', () => {
    const srt = formatSrt([{ start: 0.1, end: 2.5, text: 'Mira: Hello' }, { start: 3661.0004, end: 3662.9999, text: 'Bye' }])
    expect(srt).toBe('1\n00:00:00,100 --> 00:00:02,500\nMira: Hello\n\n2\n01:01:01,001 --> 01:01:02,999\nBye\n')
  })

  it('round-trips through parseSrt within a millisecond, staying inside the cue', () => {
    const cues = timeCues(shots)
    const parsed = parseSrt(formatSrt(cues))
    expect(parsed.map((c) => c.text)).toEqual(cues.map((c) => c.text))
    parsed.forEach((cue, i) => {
      expect(cue.start).toBeGreaterThanOrEqual(cues[i]!.start - 1e-9)
      expect(cue.end).toBeLessThanOrEqual(cues[i]!.end + 1e-9)
      expect(Math.abs(cue.start - cues[i]!.start)).toBeLessThan(0.001)
    })
  })

  it('reads CRLF files and rejects a block without timing', () => {
    expect(parseSrt('1\r\n00:00:01,000 --> 00:00:02,000\r\nHi\r\n\r\n')).toEqual([{ start: 1, end: 2, text: 'Hi' }])
    expect(() => parseSrt('1\nnot a time\nHi\n')).toThrow(ConfigError)
  })
})
