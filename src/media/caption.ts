import { clampLines, drawLines, lineHeight, measureText, wrapText } from './draw-text.js'
import { encodePng } from './png-encode.js'
import { createCanvas } from './raster.js'

export interface Caption {
  readonly png: Uint8Array
  readonly width: number
  readonly height: number
}

/** Opacity of the box behind the words: dark enough to read white text over any picture. */
const BOX_ALPHA = 170
const MAX_LINES = 3

/**
 * One subtitle as an RGBA PNG: white bitmap-font text on a translucent dark box, sized to the
 * text. Burned in with ffmpeg's overlay filter, so no libass, drawtext or system fonts are needed.
 */
export function renderCaption(text: string, frameWidth: number, frameHeight: number): Caption {
  const unit = Math.min(frameWidth, frameHeight) / 720
  const scale = Math.max(1, Math.round(3 * unit))
  const pad = Math.max(2, Math.round(12 * unit))
  const maxText = Math.floor(frameWidth * 0.84) - 2 * pad
  const lines = clampLines(wrapText(text, maxText, scale), MAX_LINES, maxText, scale)
  const textWidth = Math.max(0, ...lines.map((line) => measureText(line, scale)))
  // Even sizes keep the yuv420p overlay from shifting the box by half a chroma sample.
  const width = even(textWidth + 2 * pad)
  const height = even(lines.length * lineHeight(scale) - (lineHeight(scale) - 7 * scale) + 2 * pad)
  const canvas = createCanvas(width, height, [0, 0, 0])
  drawLines(canvas, lines, 0, pad, scale, [255, 255, 255], { center: true, width })
  // The text is the only non-black ink, so the mask falls out of the red channel.
  const rgba = new Uint8Array(width * height * 4)
  for (let i = 0, o = 0; i < canvas.rgb.length; i += 3, o += 4) {
    const ink = canvas.rgb[i]!
    rgba[o] = rgba[o + 1] = rgba[o + 2] = ink
    rgba[o + 3] = ink > 0 ? 255 : BOX_ALPHA
  }
  return { png: encodePng({ width, height, rgba }), width, height }
}

function even(value: number): number {
  return Math.max(2, Math.ceil(value / 2) * 2)
}
