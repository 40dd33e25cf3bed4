import type { AspectRatio } from '../../film.js'
import type { ImageInput, JsonValue } from '../types.js'
import { dataUrl, takeSeed } from '../fit-request.js'
import { type Endpoint, imageSizePreset } from './models.js'

export interface FalInputRequest {
  readonly prompt: string
  readonly aspectRatio: AspectRatio
  readonly image?: Pick<ImageInput, 'bytes' | 'mediaType'> | undefined
  readonly references?: readonly Pick<ImageInput, 'bytes' | 'mediaType'>[] | undefined
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
  // A clip's length and shape were fitted to the capability table by the pipeline before it got here.
  const aspect = request.aspectRatio
  if (model.shape === 'image_size') input.image_size = imageSizePreset(aspect)
  if (model.shape === 'aspect_ratio') input.aspect_ratio = aspect
  if (endpoint.sendsImage && request.image) input.image_url = dataUrl(request.image)
  if (model.kind === 'image') input.num_images = 1
  if (model.kind === 'video' && request.seconds !== undefined) {
    const { seconds } = request
    if (model.duration !== 'none') input.duration = model.duration === 'string' ? String(seconds) : model.duration === 'seconds' ? `${seconds}s` : seconds
    // The capability row decides how many go; the endpoint only names the field.
    if (request.references?.length) {
      if (model.references) input[model.references] = request.references.map(dataUrl)
      else warnings.push(`reference images not sent: ${endpoint.id} takes none`)
    }
    // A model with the switch is told both ways (its default is on, and dearer); an unknown one only when asked.
    if (model.audio === 'switch') input.generate_audio = request.generateAudio === true
    else if (model.audio === undefined && request.generateAudio === true) input.generate_audio = true
  }
  const seed = takeSeed(request.seed, request.take)
  if (seed !== undefined) input.seed = seed
  return { input, warnings }
}
