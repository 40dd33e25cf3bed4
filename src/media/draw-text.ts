import { GLYPH_ADVANCE, GLYPH_HEIGHT, GLYPH_WIDTH, LINE_PITCH, glyphColumns, transliterate } from './bitmap-font.js'
import { fillRect, type Canvas, type Rgb } from './raster.js'

/** Pixel width of one line at an integer scale (no trailing gap after the last glyph). */
export function measureText(text: string, scale: number): number {
  const count = [...transliterate(text)].length
  return count === 0 ? 0 : (count * GLYPH_ADVANCE - (GLYPH_ADVANCE - GLYPH_WIDTH)) * scale
}

export function lineHeight(scale: number): number {
  return LINE_PITCH * scale
}

export function glyphHeight(scale: number): number {
  return GLYPH_HEIGHT * scale
}

/** Draws one line with its top-left corner at (x, y); text is transliterated first. */
export function drawText(canvas: Canvas, text: string, x: number, y: number, scale: number, colour: Rgb): void {
  let cursor = Math.round(x)
  const top = Math.round(y)
  for (const char of transliterate(text)) {
    const columns = glyphColumns(char.codePointAt(0)!)
    for (let c = 0; c < GLYPH_WIDTH; c++) {
      const bits = columns[c]!
      if (bits === 0) continue
      for (let r = 0; r < GLYPH_HEIGHT; r++) {
        if (bits & (1 << r)) fillRect(canvas, cursor + c * scale, top + r * scale, scale, scale, colour)
      }
    }
    cursor += GLYPH_ADVANCE * scale
  }
}

/**
 * Greedy word wrap to a pixel width. Words longer than a line are split, so nothing ever runs off
 * the canvas; whitespace (newlines included) collapses to single spaces.
 */
export function wrapText(text: string, maxWidth: number, scale: number): string[] {
  const perLine = Math.max(1, Math.floor((maxWidth / scale + (GLYPH_ADVANCE - GLYPH_WIDTH)) / GLYPH_ADVANCE))
  const words = transliterate(text).split(/\s+/).filter((w) => w !== '')
  const lines: string[] = []
  let line = ''
  for (let word of words) {
    while ([...word].length > perLine) {
      if (line !== '') lines.push(line)
      const chars = [...word]
      lines.push(chars.slice(0, perLine).join(''))
      word = chars.slice(perLine).join('')
      line = ''
    }
    if (word === '') continue
    const candidate = line === '' ? word : `${line} ${word}`
    if ([...candidate].length <= perLine) line = candidate
    else {
      lines.push(line)
      line = word
    }
  }
  if (line !== '') lines.push(line)
  return lines
}

/** Keeps at most maxLines lines, marking a cut with "..." so a viewer knows text was dropped. */
export function clampLines(lines: readonly string[], maxLines: number, maxWidth: number, scale: number): string[] {
  if (lines.length <= maxLines) return [...lines]
  if (maxLines <= 0) return []
  const kept = lines.slice(0, maxLines)
  let last = kept[maxLines - 1]!
  while (last !== '' && measureText(`${last}...`, scale) > maxWidth) last = [...last].slice(0, -1).join('')
  kept[maxLines - 1] = `${last.trimEnd()}...`
  return kept
}

/** Draws lines top-down from (x, y); `align` centres each line within `width` when asked. */
export function drawLines(
  canvas: Canvas,
  lines: readonly string[],
  x: number,
  y: number,
  scale: number,
  colour: Rgb,
  align: { readonly center?: boolean; readonly width?: number } = {},
): number {
  let top = y
  for (const line of lines) {
    const left = align.center && align.width !== undefined ? x + Math.floor((align.width - measureText(line, scale)) / 2) : x
    drawText(canvas, line, left, top, scale, colour)
    top += lineHeight(scale)
  }
  return top
}
