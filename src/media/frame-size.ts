import type { AspectRatio } from '../film.js'

export interface FrameSize {
  readonly width: number
  readonly height: number
}

/** The film's pixel size for each aspect ratio: 720p on the short side, even numbers for H.264. */
export const FRAME_SIZES: { readonly [ratio in AspectRatio]: FrameSize } = {
  '16:9': { width: 1280, height: 720 },
  '9:16': { width: 720, height: 1280 },
  '1:1': { width: 720, height: 720 },
}

export function frameSize(ratio: AspectRatio): FrameSize {
  return FRAME_SIZES[ratio]
}

/** Frames per second of every normalised clip and of the film. */
export const FILM_FPS = 24
