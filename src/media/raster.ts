import type { DecodedImage } from './png-decode.js'

/** An 8-bit RGB pixel buffer, row-major, no padding: what encodePng takes. */
export interface Canvas {
  readonly width: number
  readonly height: number
  readonly rgb: Uint8Array
}

export type Rgb = readonly [number, number, number]

export function createCanvas(width: number, height: number, background: Rgb = [0, 0, 0]): Canvas {
  const canvas = { width, height, rgb: new Uint8Array(width * height * 3) }
  fillRect(canvas, 0, 0, width, height, background)
  return canvas
}

interface Clipped {
  x0: number
  y0: number
  x1: number
  y1: number
}

/** Integer rectangle clipped to the canvas; callers may pass anything. */
function clip(canvas: Canvas, x: number, y: number, w: number, h: number): Clipped | undefined {
  const x0 = Math.max(0, Math.round(x))
  const y0 = Math.max(0, Math.round(y))
  const x1 = Math.min(canvas.width, Math.round(x + w))
  const y1 = Math.min(canvas.height, Math.round(y + h))
  return x1 > x0 && y1 > y0 ? { x0, y0, x1, y1 } : undefined
}

export function fillRect(canvas: Canvas, x: number, y: number, w: number, h: number, colour: Rgb): void {
  const r = clip(canvas, x, y, w, h)
  if (!r) return
  const [cr, cg, cb] = colour
  const { rgb, width } = canvas
  // Fill the first row, then copy it: copyWithin is far faster than per-pixel writes.
  const first = (r.y0 * width + r.x0) * 3
  for (let i = first; i < first + (r.x1 - r.x0) * 3; i += 3) {
    rgb[i] = cr
    rgb[i + 1] = cg
    rgb[i + 2] = cb
  }
  for (let y = r.y0 + 1; y < r.y1; y++) {
    const at = (y * width + r.x0) * 3
    rgb.copyWithin(at, first, first + (r.x1 - r.x0) * 3)
  }
}

/** Mixes a colour over a rectangle; alpha in 0..1. Integer maths, so results are reproducible. */
export function blendRect(canvas: Canvas, x: number, y: number, w: number, h: number, colour: Rgb, alpha: number): void {
  const r = clip(canvas, x, y, w, h)
  if (!r) return
  const a = Math.round(Math.min(1, Math.max(0, alpha)) * 256)
  const { rgb, width } = canvas
  for (let y = r.y0; y < r.y1; y++) {
    for (let i = (y * width + r.x0) * 3, end = (y * width + r.x1) * 3; i < end; i += 3) {
      rgb[i] = (rgb[i]! * (256 - a) + colour[0] * a) >> 8
      rgb[i + 1] = (rgb[i + 1]! * (256 - a) + colour[1] * a) >> 8
      rgb[i + 2] = (rgb[i + 2]! * (256 - a) + colour[2] * a) >> 8
    }
  }
}

/**
 * Draws an RGBA image scaled into a rectangle, composited over the canvas. Downscaling averages
 * every source pixel under each target pixel (a box filter), so thumbnails stay legible instead of
 * aliasing; upscaling repeats pixels. Cost is one pass over the source.
 */
export function blitScaled(canvas: Canvas, image: DecodedImage, x: number, y: number, w: number, h: number): void {
  const dw = Math.round(w)
  const dh = Math.round(h)
  if (dw < 1 || dh < 1 || image.width < 1 || image.height < 1) return
  const x0 = Math.round(x)
  const y0 = Math.round(y)
  const { rgba, width: sw, height: sh } = image
  for (let ty = 0; ty < dh; ty++) {
    const py = y0 + ty
    if (py < 0 || py >= canvas.height) continue
    const sy0 = Math.floor((ty * sh) / dh)
    const sy1 = Math.max(sy0 + 1, Math.floor(((ty + 1) * sh) / dh))
    for (let tx = 0; tx < dw; tx++) {
      const px = x0 + tx
      if (px < 0 || px >= canvas.width) continue
      const sx0 = Math.floor((tx * sw) / dw)
      const sx1 = Math.max(sx0 + 1, Math.floor(((tx + 1) * sw) / dw))
      let r = 0, g = 0, b = 0, a = 0
      for (let sy = sy0; sy < sy1; sy++) {
        for (let i = (sy * sw + sx0) * 4, end = (sy * sw + sx1) * 4; i < end; i += 4) {
          const alpha = rgba[i + 3]!
          r += rgba[i]! * alpha
          g += rgba[i + 1]! * alpha
          b += rgba[i + 2]! * alpha
          a += alpha
        }
      }
      if (a === 0) continue
      const count = (sy1 - sy0) * (sx1 - sx0)
      const coverage = a / count
      const o = (py * canvas.width + px) * 3
      const rgb = canvas.rgb
      // Colour is alpha-weighted, then composited by the average coverage.
      rgb[o] = Math.round(rgb[o]! + (r / a - rgb[o]!) * (coverage / 255))
      rgb[o + 1] = Math.round(rgb[o + 1]! + (g / a - rgb[o + 1]!) * (coverage / 255))
      rgb[o + 2] = Math.round(rgb[o + 2]! + (b / a - rgb[o + 2]!) * (coverage / 255))
    }
  }
}

/** The largest w×h with the image's aspect ratio that fits in a box, and its offset to centre it. */
export function fitInside(image: { width: number; height: number }, boxW: number, boxH: number) {
  const scale = Math.min(boxW / image.width, boxH / image.height)
  const w = Math.max(1, Math.round(image.width * scale))
  const h = Math.max(1, Math.round(image.height * scale))
  return { w, h, dx: Math.floor((boxW - w) / 2), dy: Math.floor((boxH - h) / 2) }
}
