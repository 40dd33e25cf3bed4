import { fingerprintOf } from '../fingerprint.js'
import type { HttpClient, MultipartPart } from '../http/index.js'
import type { CallOptions, ImageModel, ImageRequest, ImageResult, JsonValue, Media } from '../types.js'
import { parseImagesResponse } from './image-response.js'
import { nearestSize, openaiImageCapabilities } from './settings.js'

/** Output-affecting image settings; they are sent with every request and join the cache key. */
export interface OpenAIImageOptions {
  readonly quality?: 'low' | 'medium' | 'high' | 'auto' | 'standard' | 'hd'
  readonly outputFormat?: 'png' | 'jpeg' | 'webp'
  readonly background?: 'transparent' | 'opaque' | 'auto'
  readonly moderation?: 'low' | 'auto'
}

export interface ImageModelConfig {
  readonly provider: string
  readonly modelId: string
  readonly client: HttpClient
  readonly options?: OpenAIImageOptions
  readonly downloadDir?: string | undefined
}

/**
 * OpenAI images: `/images/generations` (JSON) without references, `/images/edits` (multipart,
 * one `image[]` part per reference) with them. gpt-image models always answer base64 and reject
 * `response_format`; dall-e is asked for base64 too, and a `url` answer is downloaded at once.
 */
export function createOpenAIImageModel(config: ImageModelConfig): ImageModel {
  const capabilities = openaiImageCapabilities(config.modelId)
  const options = config.options ?? {}
  const fingerprint = fingerprintOf(options, { sizes: 'nearest-aspect' })
  return {
    kind: 'image',
    provider: config.provider,
    modelId: config.modelId,
    fingerprint,
    async generate(request: ImageRequest, call: CallOptions = {}): Promise<ImageResult> {
      const size = nearestSize(request.width, request.height, capabilities.sizes)
      const fields: Record<string, string | number> = { model: config.modelId, prompt: request.prompt, n: 1, size }
      if (options.quality) fields.quality = options.quality
      if (capabilities.family === 'gpt-image') {
        if (options.outputFormat) fields.output_format = options.outputFormat
        if (options.background) fields.background = options.background
        if (options.moderation) fields.moderation = options.moderation
      } else fields.response_format = 'b64_json'
      const warnings: string[] = []
      const references = request.references.slice(0, capabilities.maxReferences)
      if (references.length < request.references.length) {
        warnings.push(`${request.references.length - references.length} reference image(s) not sent: ${config.modelId} takes ${capabilities.maxReferences}`)
      }
      const settings = { model: config.modelId, call, parse: parseImagesResponse }
      const result =
        references.length === 0
          ? await config.client.postJson('images/generations', fields, settings)
          : await config.client.postMultipart('images/edits', toParts(fields, references, capabilities.referenceField), settings)
      const downloaded: Media[] = []
      for (const url of result.value.urls) {
        const file = await config.client.download(url, { model: config.modelId, call, expect: 'image', auth: false, dir: config.downloadDir })
        downloaded.push(file.value)
      }
      return {
        images: [...result.value.images, ...downloaded],
        requestId: result.requestId,
        attempts: result.attempts,
        ...(warnings.length === 0 ? {} : { warnings }),
      }
    },
  }
}

function toParts(fields: Record<string, string | number>, references: ImageRequest['references'], field: string): MultipartPart[] {
  const parts: MultipartPart[] = Object.entries(fields)
    .filter(([name]) => name !== 'response_format' || field === 'image')
    .map(([name, value]) => ({ name, value: String(value) }))
  references.forEach((reference, index) => {
    const extension = reference.mediaType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'png'
    parts.push({ name: field, data: reference.bytes, mediaType: reference.mediaType, filename: `reference-${index + 1}.${extension}` })
  })
  return parts
}
