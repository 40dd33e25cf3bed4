import type { AspectRatio } from '../../film.js'
import { nearestSeconds, supportedAspect } from '../fit-request.js'
import type { VideoCapabilities, VideoRequest } from '../types.js'

/**
 * What each Veo family accepts through the Gemini API (durationSeconds is model-specific; only
 * 16:9 and 9:16 exist). Unknown (newer) ids get the Veo 3 set, the current generation's.
 * Veo 3 always makes the clip's sound there — `generateAudio` is a Vertex-only switch the Gemini
 * API answers with a 400 — and Veo 2 never does.
 */
export function veoCapabilities(modelId: string): VideoCapabilities & { readonly seconds: readonly number[]; readonly aspectRatios: readonly AspectRatio[] } {
  const veo2 = /^(models\/)?veo-2\./.test(modelId)
  return { seconds: veo2 ? [5, 6, 7, 8] : [4, 6, 8], aspectRatios: ['16:9', '9:16'], audio: !veo2 }
}

export interface FittedRequest {
  readonly aspectRatio: AspectRatio
  readonly seconds: number
  readonly warnings: readonly string[]
}

/**
 * Fits a request to the model before anything is paid for: the API would answer 400 (or bill a
 * clip of another length), so the change is made here and reported as a warning instead.
 */
export function fitVeoRequest(modelId: string, request: Pick<VideoRequest, 'aspectRatio' | 'seconds'>): FittedRequest {
  const capabilities = veoCapabilities(modelId)
  const warnings: string[] = []
  // 16:9 first in the list: a square film is then fitted from landscape clips.
  const aspectRatio = supportedAspect(request.aspectRatio, capabilities.aspectRatios)
  if (aspectRatio !== request.aspectRatio) {
    warnings.push(`${modelId} offers no ${request.aspectRatio} video: generated at ${aspectRatio}, the editor fits it to the film's frame`)
  }
  // Ties go to the longer clip (5 s → 6 s): the editor trims real motion rather than freeze a last frame.
  const seconds = nearestSeconds(request.seconds, capabilities.seconds)
  if (seconds !== request.seconds) {
    warnings.push(`${modelId} makes clips of ${capabilities.seconds.join(', ')} s: asked ${request.seconds} s, generated ${seconds} s`)
  }
  return { aspectRatio, seconds, warnings }
}

