import type { Rgb } from './raster.js'

/** FNV-1a over UTF-16 units: tiny, stable across runs and platforms, good enough to pick colours. */
export function hash32(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash >>> 0
}

export interface CardPalette {
  readonly background: Rgb
  readonly accent: Rgb
  readonly panel: Rgb
  readonly heading: Rgb
  readonly body: Rgb
  readonly muted: Rgb
}

/**
 * A dark, muted background (light text stays readable on it, and a film of cards does not flash)
 * with a brighter accent of the same hue; the hue comes from the seed so neighbouring shots differ.
 */
export function cardPalette(seed: number, text: string): CardPalette {
  const hue = hash32(`${seed}|${text}`) % 360
  return {
    background: hsl(hue, 0.32, 0.17),
    accent: hsl(hue, 0.55, 0.58),
    panel: hsl(hue, 0.25, 0.11),
    heading: [246, 242, 232],
    body: [214, 214, 220],
    muted: hsl(hue, 0.15, 0.7),
  }
}

export function hsl(hue: number, saturation: number, lightness: number): Rgb {
  const c = (1 - Math.abs(2 * lightness - 1)) * saturation
  const h = (((hue % 360) + 360) % 360) / 60
  const x = c * (1 - Math.abs((h % 2) - 1))
  const [r, g, b] = h < 1 ? [c, x, 0] : h < 2 ? [x, c, 0] : h < 3 ? [0, c, x] : h < 4 ? [0, x, c] : h < 5 ? [x, 0, c] : [c, 0, x]
  const m = lightness - c / 2
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)]
}
