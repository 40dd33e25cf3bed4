import type { AspectRatio, Character, PortraitView } from '../film.js'
import type { ImageInput, ImageRequest } from '../providers/types.js'

export interface PortraitRequestInput {
  readonly character: Character
  readonly view: PortraitView
  readonly style?: string
  readonly seed: number
  readonly size: { readonly width: number; readonly height: number }
  readonly aspectRatio: AspectRatio
  /** The finished front view: the only reference of the side and back views. */
  readonly front?: ImageInput
}

const SHEET = 'Full body, neutral pose, plain light background, character sheet.'

/**
 * A character's portrait. The front view is drawn from words alone; side and back are edits of
 * the front, so identity is anchored in that one image. The style goes into every view: a view
 * that only inherits it from its reference drifts.
 */
export function portraitRequest(input: PortraitRequestInput): ImageRequest {
  const { character, view } = input
  const base = { aspectRatio: input.aspectRatio, width: input.size.width, height: input.size.height, seed: input.seed }
  const looks = describe(character)
  const style = styleLine(input.style)
  if (view === 'front') {
    return { ...base, prompt: join([`${character.name}, front view.`, looks, style, SHEET]), references: [] }
  }
  if (input.front === undefined) {
    throw new Error(`portraitRequest: the ${view} view of ${character.name} needs the front view as its reference`)
  }
  const seen = view === 'side' ? 'seen from the side, in profile' : 'seen from the back'
  // The view leads the prompt: it is what the image is, and the reference only anchors it.
  const prompt = join([
    `${character.name}, ${view} view.`,
    `The same person as in Image 1 (${input.front.label}): same face, hair and outfit, ${seen}.`,
    looks,
    style,
    SHEET,
  ])
  return { ...base, prompt, references: [input.front] }
}

export function describe(character: Character): string {
  const parts: string[] = []
  if (character.appearance.trim() !== '') parts.push(sentence(character.appearance))
  if (character.outfit.trim() !== '') parts.push(sentence(`Outfit: ${character.outfit.trim()}`))
  return parts.join(' ')
}

export function styleLine(style: string | undefined): string {
  return style === undefined || style.trim() === '' ? '' : sentence(`Style: ${style.trim()}`)
}

function sentence(text: string): string {
  const trimmed = text.trim()
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`
}

function join(parts: readonly string[]): string {
  return parts.filter((part) => part !== '').join(' ')
}
