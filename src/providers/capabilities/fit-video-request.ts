import { frameSize } from '../../media/frame-size.js'
import { nearestSeconds, supportedAspect } from '../fit-request.js'
import type { VideoRequest } from '../types.js'
import type { ModelCapabilities } from './model-capabilities.js'

export interface FittedVideoRequest {
  readonly request: VideoRequest
  /** Set when the prompt was longer than the model takes and was cut. */
  readonly promptCut?: { readonly from: number; readonly to: number }
}

/**
 * A clip request as the model takes it, decided before paying: an allowed duration (ties to the
 * longer clip, which the editor trims rather than freeze a frame), a shape it makes (sized for
 * that shape; the editor fits the clip to the film's frame), no first frame when it takes none,
 * at most its number of references (the caller orders them, most relevant first), and a prompt
 * within its limit. References are set only when some go, so other requests keep their cache keys.
 */
export function fitVideoRequest(capabilities: ModelCapabilities, request: VideoRequest): FittedVideoRequest {
  const { image, references, ...rest } = request
  const seconds = capabilities.seconds ? nearestSeconds(request.seconds, capabilities.seconds) : request.seconds
  const aspectRatio = supportedAspect(request.aspectRatio, capabilities.aspectRatios)
  const size = aspectRatio === request.aspectRatio ? { width: request.width, height: request.height } : frameSize(aspectRatio)
  const kept = (references ?? []).slice(0, capabilities.references)
  const limit = capabilities.maxPromptChars
  const prompt = limit !== undefined && request.prompt.length > limit ? request.prompt.slice(0, limit).trimEnd() : request.prompt
  const fitted: VideoRequest = {
    ...rest,
    prompt,
    seconds,
    aspectRatio,
    width: size.width,
    height: size.height,
    ...(image && capabilities.firstFrame && { image }),
    ...(kept.length > 0 && { references: kept }),
  }
  return prompt === request.prompt ? { request: fitted } : { request: fitted, promptCut: { from: request.prompt.length, to: prompt.length } }
}
