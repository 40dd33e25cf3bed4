import { fingerprintOf } from '../fingerprint.js'
import type { HttpClient } from '../http/index.js'
import type { CallOptions, ImageModel, ImageRequest, ImageResult, JsonValue } from '../types.js'
import { parseOpenRouterImages } from './image-response.js'
import { dataUrl, takeSeed } from '../fit-request.js'
import { MAX_IMAGE_REFERENCES } from './settings.js'

/** Output-affecting image settings; sent with every request and part of the cache key. */
export interface OpenRouterImageOptions {
  readonly quality?: 'auto' | 'low' | 'medium' | 'high'
  /** `1K`, `2K`, `4K` (model permitting). */
  readonly resolution?: string
}

export interface OpenRouterImageConfig {
  readonly provider: string
  readonly modelId: string
  readonly client: HttpClient
  readonly options?: OpenRouterImageOptions | undefined
}

/**
 * OpenRouter's dedicated `POST /images`: the aspect ratio is sent as is (the API maps it per
 * upstream), references go in as data URLs, and the answer is always base64.
 */
export function createOpenRouterImageModel(config: OpenRouterImageConfig): ImageModel {
  const options = config.options ?? {}
  const fingerprint = fingerprintOf(options)
  return {
    kind: 'image',
    provider: config.provider,
    modelId: config.modelId,
    fingerprint,
    async generate(request: ImageRequest, call: CallOptions = {}): Promise<ImageResult> {
      const body: Record<string, JsonValue> = { model: config.modelId, prompt: request.prompt, n: 1, aspect_ratio: request.aspectRatio }
      if (options.quality) body.quality = options.quality
      if (options.resolution) body.resolution = options.resolution
      const seed = takeSeed(request.seed, request.take)
      if (seed !== undefined) body.seed = seed
      const warnings: string[] = []
      const references = request.references.slice(0, MAX_IMAGE_REFERENCES)
      if (references.length < request.references.length) {
        warnings.push(`${request.references.length - references.length} reference image(s) not sent: the images API takes ${MAX_IMAGE_REFERENCES}`)
      }
      if (references.length > 0) body.input_references = references.map((image) => ({ type: 'image_url', image_url: { url: dataUrl(image) } }))
      // A generation that fails upstream can still come back as a 200 carrying `error`.
      const result = await config.client.postJson('images', body, { model: config.modelId, call, errorInBody: true, parse: parseOpenRouterImages })
      return {
        images: result.value,
        requestId: result.requestId,
        attempts: result.attempts,
        ...(warnings.length === 0 ? {} : { warnings }),
      }
    },
  }
}
