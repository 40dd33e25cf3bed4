import type { AspectRatio } from '../film.js'
import type { ImageInput } from './types.js'

/**
 * Fitting a request to what a vendor's model takes, shared by HTTP providers. Each returns the
 * value sent; callers warn when it differs from the one asked for.
 */

/** The supported duration nearest the wish; ties go to the longer one, which the editor can trim. */
export function nearestSeconds(seconds: number, supported: readonly number[] | undefined): number {
  if (!supported || supported.length === 0) return Math.max(1, Math.round(seconds))
  return supported.reduce((best, value) => {
    const gap = Math.abs(value - seconds) - Math.abs(best - seconds)
    return gap < 0 || (gap === 0 && value > best) ? value : best
  })
}

/** The wanted ratio when the model takes it, else the first it does take. */
export function supportedAspect(wanted: AspectRatio, supported: readonly AspectRatio[] | undefined): AspectRatio {
  return !supported || supported.includes(wanted) ? wanted : (supported[0] ?? wanted)
}

/** A new take must give a new result even under the film's fixed seed. */
export function takeSeed(seed: number | undefined, take: number | undefined): number | undefined {
  return seed === undefined ? undefined : (seed + (take ?? 0)) % 2_147_483_647
}

/** Inline image input: both OpenRouter and fal take data URLs, which saves an upload round trip. */
export function dataUrl(image: Pick<ImageInput, 'bytes' | 'mediaType'>): string {
  return `data:${image.mediaType};base64,${Buffer.from(image.bytes).toString('base64')}`
}
