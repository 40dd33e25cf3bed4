import { fingerprintOf } from '../fingerprint.js'
import type { HttpClient } from '../http/index.js'
import type { CallOptions, ImageModel, ImageRequest, ImageResult, JsonValue } from '../types.js'
import { parseGenerateContent } from './image-response.js'
import { type GeminiImageOptions, modelPath } from './settings.js'

export interface GeminiImageModelConfig {
  readonly provider: string
  readonly modelId: string
  readonly client: HttpClient
  readonly options?: GeminiImageOptions | undefined
}

/**
 * Gemini image models ("Nano Banana") over `:generateContent`: reference images are `inlineData`
 * parts before the prompt, as the prompt refers to them by position ("Image 1: Mira"). Seeds are
 * not sent: the cache makes runs repeatable, and a fixed seed would make `--reroll` redraw the
 * same picture. Vertex-only image fields (personGeneration, outputMimeType…) are never sent.
 */
export function createGeminiImageModel(config: GeminiImageModelConfig): ImageModel {
  const { modelId, client } = config
  const options = config.options ?? {}
  // The 2.0 preview image model rejects IMAGE alone; the newer ones take it and then never chat.
  const modalities = options.responseModalities ?? (/gemini-2\.0-/.test(modelId) ? ['TEXT', 'IMAGE'] : ['IMAGE'])
  const fingerprint = fingerprintOf({ imageSize: options.imageSize || undefined }, { responseModalities: [...modalities] })
  return {
    kind: 'image',
    provider: config.provider,
    modelId,
    fingerprint,
    async generate(request: ImageRequest, call: CallOptions = {}): Promise<ImageResult> {
      const parts: JsonValue[] = request.references.map((reference) => ({
        inlineData: { mimeType: reference.mediaType, data: Buffer.from(reference.bytes).toString('base64') },
      }))
      parts.push({ text: request.prompt })
      const imageConfig: Record<string, JsonValue> = { aspectRatio: request.aspectRatio }
      if (options.imageSize) imageConfig.imageSize = options.imageSize
      const body = {
        contents: [{ role: 'user', parts }],
        generationConfig: { responseModalities: [...modalities], imageConfig },
      }
      const result = await client.postJson(modelPath(modelId, 'generateContent'), body, {
        model: modelId,
        call,
        parse: (json) => parseGenerateContent(json, request.aspectRatio, call.subject),
      })
      return { images: [result.value], requestId: result.requestId, attempts: result.attempts }
    },
  }
}
