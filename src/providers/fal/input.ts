import type { AspectRatio } from '../../film.js'
import type { ImageInput, JsonValue } from '../types.js'
import { dataUrl, nearestSeconds, supportedAspect, takeSeed } from '../fit-request.js'
import { type Endpoint, imageSizePreset } from './models.js'

export interface FalInputRequest {
  readonly prompt: string
  readonly aspectRatio: AspectRatio
  readonly image?: Pick<ImageInput, 'bytes' | 'mediaType'> | undefined
  readonly seconds?: number
  readonly seed?: number | undefined
  readonly take?: number | undefined
  readonly generateAudio?: boolean | undefined
}

/** The model input for an endpoint, with warnings for what had to change to fit it. */
export function falInput(endpoint: Endpoint, request: FalInputRequest): { input: Record<string, JsonValue>; warnings: string[] } {
  const { model } = endpoint
  const warnings = [...endpoint.warnings]
  const input: Record<string, JsonValue> = { prompt: request.prompt }
  const aspect = supportedAspect(request.aspectRatio, model.aspectRatios)
  if (aspect !== request.aspectRatio) warnings.push(`aspect ratio ${request.aspectRatio} sent as ${aspect}: ${endpoint.id} does not take it`)
  if (model.shape === 'image_size') input.image_size = imageSizePreset(aspect)
  if (model.shape === 'aspect_ratio') input.aspect_ratio = aspect
  if (endpoint.sendsImage && request.image) input.image_url = dataUrl(request.image)
  if (model.kind === 'image') input.num_images = 1
  if (model.kind === 'video' && request.seconds !== undefined) {
    const seconds = nearestSeconds(request.seconds, model.seconds)
    if (seconds !== request.seconds) warnings.push(`${request.seconds} s sent as ${seconds} s: ${endpoint.id} takes ${model.seconds?.join(', ') ?? 'whole seconds'}`)
    input.duration = model.duration === 'string' ? String(seconds) : model.duration === 'seconds' ? `${seconds}s` : seconds
    // A model with the switch is told both ways (its default is on, and dearer); an unknown one only when asked.
    if (model.audio === 'switch') input.generate_audio = request.generateAudio === true
    else if (model.audio === undefined && request.generateAudio === true) input.generate_audio = true
  }
  const seed = takeSeed(request.seed, request.take)
  if (seed !== undefined) input.seed = seed
  return { input, warnings }
}
