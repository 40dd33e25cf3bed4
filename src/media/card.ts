import type { ImageInput } from '../providers/types.js'
import { cardPalette, type CardPalette } from './card-palette.js'
import { clampLines, drawLines, lineHeight, measureText, wrapText } from './draw-text.js'
import { sniffMediaType } from './media-type.js'
import { decodePng, type DecodedImage } from './png-decode.js'
import { encodePng } from './png-encode.js'
import { blitScaled, createCanvas, fillRect, fitInside, type Canvas } from './raster.js'

export interface CardInput {
  readonly width: number
  readonly height: number
  /** Large, at the top: "SHOT 1.2", "MIRA - FRONT". */
  readonly heading: string
  /** Word-wrapped under the heading; cut with "..." when it does not fit. */
  readonly body: string
  /** Shown along the bottom with their labels, so a viewer sees what the frame was given. */
  readonly thumbnails: readonly ImageInput[]
  readonly seed: number
}

/**
 * A storyboard card: the offline image model's output and the first frame of its animatics. A
 * pure function of its input (same input, same bytes), so cache digests and tests are stable.
 */
export function renderCard(input: CardInput): Uint8Array {
  return encodePng(drawCard(input))
}

export function drawCard(input: CardInput): Canvas {
  const { width, height } = input
  const palette = cardPalette(input.seed, `${input.heading}\n${input.body}`)
  const canvas = createCanvas(width, height, palette.background)
  // Everything is laid out in units of a 720-pixel short side, so every aspect ratio looks alike.
  const unit = Math.min(width, height) / 720
  const margin = Math.max(4, Math.round(60 * unit))
  const inner = width - 2 * margin
  drawDotGrid(canvas, Math.max(8, Math.round(40 * unit)), Math.max(1, Math.round(2 * unit)), palette.panel)
  fillRect(canvas, 0, 0, Math.max(2, Math.round(10 * unit)), height, palette.accent)

  const headingScale = Math.max(2, Math.round(8 * unit))
  const headingLines = clampLines(wrapText(input.heading.toUpperCase(), inner, headingScale), 2, inner, headingScale)
  let y = drawLines(canvas, headingLines, margin, margin, headingScale, palette.heading)
  const ruleY = y + Math.round(6 * unit)
  fillRect(canvas, margin, ruleY, Math.min(inner, Math.round(160 * unit)), Math.max(1, Math.round(4 * unit)), palette.accent)
  y = ruleY + Math.round(28 * unit)

  const stripTop = input.thumbnails.length > 0 ? drawThumbnails(canvas, input.thumbnails, palette, unit, margin) : height - margin
  const bodyScale = Math.max(1, Math.round(3 * unit))
  const maxLines = Math.floor((stripTop - Math.round(20 * unit) - y) / lineHeight(bodyScale))
  const bodyLines = clampLines(wrapText(input.body, inner, bodyScale), maxLines, inner, bodyScale)
  drawLines(canvas, bodyLines, margin, y, bodyScale, palette.body)
  return canvas
}

/** Draws the reference strip along the bottom; returns its top edge so the body stops above it. */
function drawThumbnails(
  canvas: Canvas,
  thumbnails: readonly ImageInput[],
  palette: CardPalette,
  unit: number,
  margin: number,
): number {
  const { width, height } = canvas
  const gap = Math.max(2, Math.round(16 * unit))
  const labelScale = Math.max(1, Math.round(2 * unit))
  const labelBlock = lineHeight(labelScale) + Math.round(6 * unit)
  const stripHeight = Math.round(Math.min(width, height) * 0.3)
  const count = thumbnails.length
  const boxH = stripHeight - labelBlock
  const boxW = Math.max(1, Math.min(Math.round(boxH * 1.5), Math.floor((width - 2 * margin - (count - 1) * gap) / count)))
  const top = height - margin - stripHeight
  thumbnails.forEach((thumb, i) => {
    const x = margin + i * (boxW + gap)
    fillRect(canvas, x, top, boxW, boxH, palette.panel)
    const image = decodeThumbnail(thumb)
    if (image) {
      const fit = fitInside(image, boxW, boxH)
      blitScaled(canvas, image, x + fit.dx, top + fit.dy, fit.w, fit.h)
    } else {
      // A JPEG or WebP from a real provider: decoding it would need ffmpeg, so name it instead.
      const kind = (sniffMediaType(thumb.bytes) ?? thumb.mediaType).toUpperCase()
      const lines = clampLines(wrapText(kind, boxW - 2 * labelScale, labelScale), 2, boxW, labelScale)
      drawLines(canvas, lines, x, top + Math.floor(boxH / 2 - lineHeight(labelScale)), labelScale, palette.muted, {
        center: true,
        width: boxW,
      })
    }
    const label = fitLabel(thumb.label, boxW, labelScale)
    drawLines(canvas, [label], x, top + boxH + Math.round(6 * unit), labelScale, palette.body, { center: true, width: boxW })
  })
  return top
}

/** Storyboard paper: a faint dot grid, so the animatic's slow camera move is visible everywhere. */
function drawDotGrid(canvas: Canvas, spacing: number, size: number, colour: CardPalette['panel']): void {
  const offset = Math.floor(spacing / 2)
  for (let y = offset; y < canvas.height; y += spacing) {
    for (let x = offset; x < canvas.width; x += spacing) fillRect(canvas, x, y, size, size, colour)
  }
}

function decodeThumbnail(thumb: ImageInput): DecodedImage | undefined {
  if (sniffMediaType(thumb.bytes) !== 'image/png') return undefined
  try {
    return decodePng(thumb.bytes)
  } catch {
    // A PNG this decoder refuses (16-bit, interlaced) still gets a labelled placeholder box.
    return undefined
  }
}

function fitLabel(label: string, maxWidth: number, scale: number): string {
  const single = label.replace(/\s+/g, ' ').trim()
  if (measureText(single, scale) <= maxWidth) return single
  return clampLines([single, ''], 1, maxWidth, scale)[0] ?? ''
}
