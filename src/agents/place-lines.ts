import type { DialogueLine } from '../film.js'

export interface ProposedLine {
  readonly speaker: string
  readonly line: string
}

/** Below this, a model's line is not taken for a copy of a source line. */
const MIN_LIKENESS = 0.35

/**
 * Places each source line (the user's or the script's, the truth) in exactly one group, in
 * order, following where a model put its own copies of them — copies that may be paraphrased,
 * shortened, merged or reordered. The best order-keeping pairing of source lines with the
 * model's lines wins (by speaker and shared words); a source line the model dropped joins the
 * group of the line before it; lines the model invented are dropped. The source wording is
 * what comes out, so subtitles say what the writer wrote.
 */
export function placeLines(source: readonly DialogueLine[], proposed: readonly (readonly ProposedLine[])[]): DialogueLine[][] {
  const groups: DialogueLine[][] = proposed.map(() => [])
  if (groups.length === 0 || source.length === 0) return groups

  const flat = proposed.flatMap((lines, group) => lines.map((line) => ({ ...line, group })))
  const groupOf: number[] = alignInOrder(source, flat).map((match) => (match === -1 ? -1 : flat[match]!.group))

  if (!groupOf.some((group) => group !== -1)) {
    // Nothing recognisable: spread the lines evenly, in order.
    source.forEach((_, index) => (groupOf[index] = Math.floor((index * groups.length) / source.length)))
  } else {
    let previous = groupOf.find((group) => group !== -1)!
    for (let index = 0; index < groupOf.length; index++) {
      if (groupOf[index] === -1) groupOf[index] = previous
      previous = groupOf[index]!
    }
  }
  source.forEach((line, index) => groups[groupOf[index]!]!.push(line))
  return groups
}

/**
 * For each source line, the index of the model line paired with it (or -1): the pairing that
 * keeps both orders and has the greatest total likeness (a weighted longest common subsequence).
 */
function alignInOrder(source: readonly DialogueLine[], model: readonly ProposedLine[]): number[] {
  const n = source.length
  const m = model.length
  const like = source.map((line) => model.map((other) => likeness(line, other)))
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const pair = like[i - 1]![j - 1]!
      best[i]![j] = Math.max(best[i - 1]![j]!, best[i]![j - 1]!, pair >= MIN_LIKENESS ? best[i - 1]![j - 1]! + pair : 0)
    }
  }
  const matches = new Array<number>(n).fill(-1)
  for (let i = n, j = m; i > 0 && j > 0; ) {
    const pair = like[i - 1]![j - 1]!
    if (pair >= MIN_LIKENESS && best[i]![j] === best[i - 1]![j - 1]! + pair) {
      matches[i - 1] = j - 1
      i--
      j--
    } else if (best[i - 1]![j] === best[i]![j]) i--
    else j--
  }
  return matches
}

/** 0–1: shared words (or, for scripts without spaces, shared letter pairs), weighed by the speaker. */
export function likeness(source: ProposedLine, model: ProposedLine): number {
  const a = words(source.line)
  const b = words(model.line)
  if (a.length === 0 || b.length === 0) return 0
  const text = Math.max(dice(a, b), dice(pairs(a.join('')), pairs(b.join(''))))
  const speakers = sameSpeaker(source.speaker, model.speaker)
  if (speakers === undefined) return text
  return speakers ? Math.min(1, text + 0.2) : text * 0.5
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
}

function pairs(text: string): string[] {
  const out: string[] = []
  for (let i = 0; i + 1 < text.length; i++) out.push(text.slice(i, i + 2))
  return out.length === 0 ? [text] : out
}

/** Sørensen–Dice over multisets. */
function dice(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>()
  for (const item of a) counts.set(item, (counts.get(item) ?? 0) + 1)
  let shared = 0
  for (const item of b) {
    const left = counts.get(item) ?? 0
    if (left > 0) {
      shared++
      counts.set(item, left - 1)
    }
  }
  return (2 * shared) / (a.length + b.length)
}

/** undefined when either side names no one; a first name matches the full name ("Raf" is not "Rafael"). */
function sameSpeaker(a: string, b: string): boolean | undefined {
  const x = words(a).join(' ')
  const y = words(b).join(' ')
  if (x === '' || y === '') return undefined
  return x === y || x.startsWith(`${y} `) || y.startsWith(`${x} `)
}
