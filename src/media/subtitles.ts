import { ConfigError } from '../errors.js'
import type { DialogueLine } from '../film.js'

/** A subtitle: seconds from the start of its film (or clip), and one line of text. */
export interface Cue {
  readonly start: number
  readonly end: number
  readonly text: string
}

export interface TimedShot {
  readonly seconds: number
  readonly dialogue: readonly DialogueLine[]
}

/** Air between cues and at the shot's edges, so a cue never flashes across a cut. */
const GAP = 0.1
/** Short lines still get a readable share of the shot. */
const MIN_WEIGHT = 12

export function cueText(line: DialogueLine): string {
  const text = line.line.replace(/\s+/g, ' ').trim()
  const speaker = line.speaker.replace(/\s+/g, ' ').trim()
  return speaker === '' ? text : `${speaker}: ${text}`
}

/**
 * Cues for one shot, relative to its start: the lines share the shot in proportion to their
 * length, with gaps, every cue strictly inside (0, seconds). Burned-in captions use these.
 */
export function timeShotCues(seconds: number, dialogue: readonly DialogueLine[]): Cue[] {
  const lines = dialogue.map(cueText).filter((text) => text !== '')
  if (lines.length === 0 || !(seconds > 0)) return []
  // A very short shot shrinks the gaps rather than dropping lines.
  const gap = Math.min(GAP, seconds / (lines.length + 1) / 4)
  const speaking = seconds - gap * (lines.length + 1)
  const weights = lines.map((text) => Math.max(MIN_WEIGHT, text.length))
  const total = weights.reduce((a, b) => a + b, 0)
  const cues: Cue[] = []
  let at = gap
  lines.forEach((text, i) => {
    const length = (speaking * weights[i]!) / total
    cues.push({ start: at, end: at + length, text })
    at += length + gap
  })
  return cues
}

/** Cues for the whole film, each shot's lines offset by the shots before it; for film.srt. */
export function timeCues(shots: readonly TimedShot[]): Cue[] {
  const cues: Cue[] = []
  let offset = 0
  for (const shot of shots) {
    for (const cue of timeShotCues(shot.seconds, shot.dialogue)) {
      cues.push({ start: offset + cue.start, end: offset + cue.end, text: cue.text })
    }
    offset += shot.seconds
  }
  return cues
}

/** A line as heard in the film: when its voice starts and stops, seconds from the film's start. */
export interface HeardLine {
  readonly text: string
  readonly startS: number
  readonly endS: number
}

/** A cue stays up a little after the voice stops, so short lines can still be read. */
const HOLD_S = 0.4
/** Cues never touch: a player shows two at once otherwise. */
const CUE_GAP_S = 0.05

/**
 * Cues timed from the speech itself: each appears when its voice starts and leaves shortly after
 * it stops (or as the next line begins). Lines are in film order.
 */
export function speechCues(lines: readonly HeardLine[]): Cue[] {
  return lines
    .filter((line) => line.text.trim() !== '')
    .map((line, i, all) => {
      const next = all[i + 1]?.startS ?? Infinity
      const end = Math.max(line.startS + 0.1, Math.min(line.endS + HOLD_S, next - CUE_GAP_S))
      return { start: line.startS, end, text: line.text }
    })
}

/**
 * Standard SubRip. Times are rounded inwards to the millisecond (start up, end down), so a cue
 * that was inside its shot stays inside it.
 */
export function formatSrt(cues: readonly Cue[]): string {
  return cues
    .map((cue, i) => {
      const start = Math.ceil(cue.start * 1000 - 1e-6)
      const end = Math.max(start, Math.floor(cue.end * 1000 + 1e-6))
      return `${i + 1}\n${srtTime(start)} --> ${srtTime(end)}\n${cue.text.replace(/\r?\n\s*\r?\n/g, '\n')}\n`
    })
    .join('\n')
}

function srtTime(ms: number): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0')
  const h = Math.floor(ms / 3_600_000)
  const m = Math.floor(ms / 60_000) % 60
  const s = Math.floor(ms / 1000) % 60
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)},${pad(ms % 1000, 3)}`
}

const TIMING = /^(\d+):(\d{2}):(\d{2})[,.](\d{3})\s*-->\s*(\d+):(\d{2}):(\d{2})[,.](\d{3})/

/** Reads SubRip back (tests, validating an edited film.srt); throws on a block it cannot read. */
export function parseSrt(text: string): Cue[] {
  const blocks = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split(/\n{2,}/)
  const cues: Cue[] = []
  for (const block of blocks) {
    const lines = block.split('\n').filter((line, i) => i > 0 || line.trim() !== '')
    if (lines.length === 0 || lines.every((line) => line.trim() === '')) continue
    const timingIndex = TIMING.test(lines[0] ?? '') ? 0 : 1
    const match = TIMING.exec(lines[timingIndex] ?? '')
    if (!match) {
      throw new ConfigError(`SRT block ${cues.length + 1} has no "HH:MM:SS,mmm --> HH:MM:SS,mmm" line`, {
        code: 'E_SRT_INVALID',
        hint: 'each block is an index line, a timing line, then the text, separated by a blank line',
      })
    }
    const n = match.slice(1).map(Number) as number[]
    const seconds = (h: number, m: number, s: number, ms: number) => h * 3600 + m * 60 + s + ms / 1000
    cues.push({
      start: seconds(n[0]!, n[1]!, n[2]!, n[3]!),
      end: seconds(n[4]!, n[5]!, n[6]!, n[7]!),
      text: lines.slice(timingIndex + 1).join('\n').trimEnd(),
    })
  }
  return cues
}
