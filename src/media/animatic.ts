import { clipOutputArgs, frameCount, silenceFilter } from './clip-format.js'
import { runFfmpeg, type MediaOptions } from './run-ffmpeg.js'
import { writeAtomically } from './temp-file.js'

export interface AnimaticInput extends MediaOptions {
  /** A still ffmpeg can read (PNG, JPEG, WebP); any size, it is scaled to cover the frame. */
  readonly imagePath: string
  readonly outPath: string
  readonly seconds: number
  readonly width: number
  readonly height: number
  readonly fps: number
  /** Picks the camera move, so the same shot always moves the same way. */
  readonly seed: number
  /** Named in errors; defaults to the output file. */
  readonly task?: string
}

export type CameraMove = 'push-in' | 'pan-right' | 'pan-left' | 'tilt-down' | 'tilt-up'
const MOVES: readonly CameraMove[] = ['push-in', 'pan-right', 'pan-left', 'tilt-down', 'tilt-up']

/** How far the camera travels over the clip, as a fraction of the frame: gentle, not seasick. */
const TRAVEL = 0.05

export function cameraMoveFor(seed: number): CameraMove {
  return MOVES[(((Math.trunc(seed) % MOVES.length) + MOVES.length) % MOVES.length)]!
}

/**
 * A still with a slow camera move, already in the film's clip format (H.264 + silent AAC, exact
 * length), so the editor can join it without re-encoding. Deterministic for the same input.
 */
export async function renderAnimatic(input: AnimaticInput): Promise<void> {
  const { width, height, fps } = input
  const frames = frameCount(input.seconds, fps)
  const graph = `[0:v]${moveFilter(cameraMoveFor(input.seed), width, height, fps, frames)},format=yuv420p[v];${silenceFilter(frames, fps, 'a')}`
  await writeAtomically(input.outPath, (temp) =>
    runFfmpeg(
      [
        '-framerate', String(fps), '-i', input.imagePath,
        '-filter_complex', graph, '-map', '[v]', '-map', '[a]',
        ...clipOutputArgs(fps), temp,
      ],
      { task: input.task ?? `rendering animatic ${input.outPath}`, signal: input.signal, env: input.env },
    ),
  )
}

/** The filter chain from one decoded still to `frames` moving frames of width×height. */
export function moveFilter(move: CameraMove, width: number, height: number, fps: number, frames: number): string {
  const last = Math.max(1, frames - 1)
  if (move === 'push-in') {
    // zoompan crops at whole pixels; working at twice the size halves the visible stepping.
    const w2 = width * 2
    const h2 = height * 2
    return (
      `${cover(w2, h2)},zoompan=z='1+${TRAVEL}*on/${last}':d=${frames}:` +
      `x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':s=${width}x${height}:fps=${fps}`
    )
  }
  // Pans scale once, repeat the frame in memory, then slide a crop window: far cheaper than
  // scaling every frame. Cropping before the yuv420p conversion moves in 1-pixel steps.
  const bigW = even(width * (1 + TRAVEL))
  const bigH = even(height * (1 + TRAVEL))
  const progress = `n/${last}`
  const x = move === 'pan-right' ? `(iw-ow)*${progress}` : move === 'pan-left' ? `(iw-ow)*(1-${progress})` : '(iw-ow)/2'
  const y = move === 'tilt-down' ? `(ih-oh)*${progress}` : move === 'tilt-up' ? `(ih-oh)*(1-${progress})` : '(ih-oh)/2'
  return (
    `${cover(bigW, bigH)},loop=loop=${frames - 1}:size=1:start=0,setpts=N/(${fps}*TB),` +
    `crop=w=${width}:h=${height}:x='${x}':y='${y}':exact=1`
  )
}

/** Scale to cover w×h keeping the aspect ratio, then cut the overflow evenly. */
function cover(w: number, h: number): string {
  return `scale=w=${w}:h=${h}:force_original_aspect_ratio=increase,crop=${w}:${h},setsar=1`
}

function even(value: number): number {
  return Math.round(value / 2) * 2
}
