import type { AspectRatio, Shot } from '../film.js'
import type { ImageInput, ImageRequest } from '../providers/types.js'
import { styleLine } from './portrait-artist.js'

export interface FrameRequestInput {
  readonly shot: Shot
  /** Portrait views of the shot's visible characters, in the order the prompt names them. */
  readonly references: readonly ImageInput[]
  readonly style?: string
  readonly seed: number
  readonly size: { readonly width: number; readonly height: number }
  readonly aspectRatio: AspectRatio
}

/**
 * A shot's first frame: the storyboard's description, the style, and the reference images named
 * by position ("Image 1: Mira, front view") so the model knows whose face and outfit each shows.
 */
export function frameRequest(input: FrameRequestInput): ImageRequest {
  const { shot, references } = input
  const parts = [shot.firstFrame.trim(), styleLine(input.style)]
  if (references.length > 0) {
    parts.push(
      [
        'Reference images — keep each character’s face, hair and outfit exactly as shown:',
        ...references.map((reference, index) => `Image ${index + 1}: ${reference.label}`),
      ].join('\n'),
    )
  }
  parts.push('A single cinematic still; no text, captions or borders.')
  return {
    prompt: parts.filter((part) => part !== '').join('\n\n'),
    aspectRatio: input.aspectRatio,
    width: input.size.width,
    height: input.size.height,
    references: [...references],
    seed: input.seed,
    take: shot.take,
  }
}
