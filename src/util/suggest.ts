/**
 * "Did you mean" for misspelt field names. Only close matches are offered: a wrong suggestion
 * sends the reader off in the wrong direction, which is worse than none.
 */

/** Optimal-string-alignment distance: Levenshtein plus the swap of two adjacent characters. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1)
      }
      const row = d[i]
      if (row) row[j] = best
    }
  }
  return at(rows - 1, cols - 1)
}

/** Case and separators do not matter: `shotSeconds`, `shot-seconds` and `shot_seconds` are one name. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '')
}

/** How many edits a name of this length may be away and still be "close". */
function allowance(length: number): number {
  if (length <= 2) return 0
  if (length <= 4) return 1
  if (length <= 8) return 2
  return 3
}

/**
 * The candidate the input was most likely meant to be, or undefined when none is close.
 * Falls back to a candidate containing the input as a whole word (`prompt` → `video_prompt`)
 * when exactly one does.
 */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  const wanted = normalise(input)
  if (wanted === '') return undefined
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of candidates) {
    if (candidate === input) continue
    const distance = editDistance(wanted, normalise(candidate))
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  if (best !== undefined && bestDistance <= allowance(Math.max(wanted.length, 1))) return best
  if (wanted.length < 4) return undefined
  const containing = candidates.filter((candidate) =>
    candidate
      .toLowerCase()
      .split(/[_-]+/)
      .some((word) => word === wanted),
  )
  return containing.length === 1 ? containing[0] : undefined
}
