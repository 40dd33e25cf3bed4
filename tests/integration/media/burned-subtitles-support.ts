import path from 'node:path'
import { createClipNormalizer, type NormalizerOptions } from '../../../src/media/clip-normalizer.js'
import type { DecodedImage } from '../../../src/media/png-decode.js'
import { runFfmpeg } from '../../../src/media/run-ffmpeg.js'
import type { Cue } from '../../../src/media/subtitles.js'
import { frameAt } from './fixtures.js'

/** A flat dark clip: every pixel a cue changes is the cue's ink. */
export async function makeFlatClip(file: string, width: number, height: number) {
  await runFfmpeg(
    ['-f', 'lavfi', '-i', `color=c=0x202020:s=${width}x${height}:r=24:d=1`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', file],
    { task: `making flat clip ${file}` },
  )
}

export interface Burned {
  readonly frame: DecodedImage
  readonly warnings: string[]
  readonly path: string
}

/** The clip through the real normaliser with its cues burned, and its frame at 0.5 s. */
export async function burn(
  dir: string,
  name: string,
  source: string,
  cues: readonly Cue[],
  options: Partial<NormalizerOptions> & { width: number; height: number; sha256?: string },
): Promise<Burned> {
  const warnings: string[] = []
  const normalizer = createClipNormalizer({ fps: 24, burnSubtitles: true, workDir: path.join(dir, `work-${name}`), warn: (message) => warnings.push(message), ...options })
  const made = await normalizer.prepare({ path: source, seconds: 1, cues, subject: name, ...(options.sha256 && { sha256: options.sha256 }) })
  const frame = await frameAt(made.path, 0.5, path.join(dir, `${name}.png`))
  return { frame, warnings, path: made.path }
}

/** Pixels whose colour moved by more than a faint compression wobble, as a mask. */
export function inkMask(frame: DecodedImage, plain: DecodedImage): Uint8Array {
  const mask = new Uint8Array(frame.width * frame.height)
  for (let i = 0; i < mask.length; i++) {
    const o = i * 4
    const moved = Math.abs(frame.rgba[o]! - plain.rgba[o]!) + Math.abs(frame.rgba[o + 1]! - plain.rgba[o + 1]!) + Math.abs(frame.rgba[o + 2]! - plain.rgba[o + 2]!)
    mask[i] = moved > 60 ? 1 : 0
  }
  return mask
}

/** Ink pixels inside rows [top, bottom) and outside them. */
export function inkByBand(mask: Uint8Array, width: number, top: number, bottom: number): { inside: number; outside: number } {
  let inside = 0
  let outside = 0
  mask.forEach((ink, i) => {
    if (!ink) return
    const y = Math.floor(i / width)
    if (y >= top && y < bottom) inside++
    else outside++
  })
  return { inside, outside }
}

/** Share of the two masks' union where they disagree: 0 same shapes, 1 nothing in common. */
export function maskDistance(a: Uint8Array, b: Uint8Array): number {
  let union = 0
  let differ = 0
  for (let i = 0; i < a.length; i++) {
    if (a[i] || b[i]) union++
    if (a[i] !== b[i]) differ++
  }
  return union === 0 ? 0 : differ / union
}
