import { ProviderError } from '../errors.js'
import type { ImageModel, ImageResult, Media } from '../providers/types.js'

/** An image call that "succeeds" with no image is a provider failure, named as such. */
export function firstImage(result: ImageResult, model: ImageModel, subject: string): Media {
  const image = result.images[0]
  if (image) return image
  throw new ProviderError(`${model.provider} image ${model.modelId}: no image returned for ${subject}`, {
    code: 'E_PROVIDER_EMPTY',
    provider: model.provider,
    model: model.modelId,
    subject,
    hint: 'rerun; if it persists the prompt may be filtered — edit it or choose another image model',
  })
}
