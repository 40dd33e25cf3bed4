import type { FoundFont } from './font-coverage.js'
import type { ScriptName } from './scripts.js'

export interface FontChoice {
  /** The font to draw with, or none when no font at all was found. */
  readonly font: FoundFont | undefined
  /** Scripts of the text the chosen font does not draw (each gets one warning). */
  readonly missing: readonly ScriptName[]
}

/**
 * The first font (in findFonts' fixed order) that draws every script the text needs; failing that,
 * the one that draws the most of them, so the cue is still burned with what exists.
 */
export function chooseFont(fonts: readonly FoundFont[], needed: readonly ScriptName[]): FontChoice {
  let best: FoundFont | undefined
  let bestCount = -1
  for (const font of fonts) {
    const count = needed.filter((script) => font.scripts.includes(script)).length
    if (count > bestCount) {
      best = font
      bestCount = count
    }
    if (count === needed.length) break
  }
  return { font: best, missing: needed.filter((script) => !best?.scripts.includes(script)) }
}
