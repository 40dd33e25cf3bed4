import type { AspectRatio } from '../../film.js'
import { dataUrl, nearestSeconds, supportedAspect, takeSeed } from '../fit-request.js'
import type { ImageInput, JsonValue, VideoCapabilities } from '../types.js'

/** How a known Replicate model names its inputs; each model has its own schema. */
export interface ReplicateModel {
  /** The field of the input image (a reference, or the clip's first frame); absent: the model takes none. */
  readonly imageField?: string
  readonly seconds?: readonly number[]
  readonly aspectRatios?: readonly AspectRatio[]
}

/** From the models' pages on replicate.com; anything else gets the common names. */
const KNOWN: Readonly<Record<string, ReplicateModel>> = {
  'black-forest-labs/flux-schnell': { aspectRatios: ['16:9', '9:16', '1:1'] },
  'black-forest-labs/flux-kontext-pro': { imageField: 'input_image', aspectRatios: ['16:9', '9:16', '1:1'] },
  'kwaivgi/kling-v2.1': { imageField: 'start_image', seconds: [5, 10], aspectRatios: ['16:9', '9:16', '1:1'] },
  'minimax/video-01': { imageField: 'first_frame_image', seconds: [6] },
  'wan-video/wan-2.2-i2v-fast': { imageField: 'image' },
}
const GENERIC: ReplicateModel = { imageField: 'image' }

export const REPLICATE_DEFAULTS = { image: 'black-forest-labs/flux-schnell', video: 'kwaivgi/kling-v2.1' } as const

export function replicateModel(modelId: string): ReplicateModel {
  return KNOWN[modelId.split(':')[0]!] ?? GENERIC
}

export function replicateCapabilities(modelId: string): VideoCapabilities | undefined {
  const { seconds, aspectRatios } = replicateModel(modelId)
  if (!seconds && !aspectRatios) return undefined
  return { ...(seconds ? { seconds } : {}), ...(aspectRatios ? { aspectRatios } : {}) }
}

export interface ReplicateInputRequest {
  readonly prompt: string
  readonly aspectRatio: AspectRatio
  readonly image?: Pick<ImageInput, 'bytes' | 'mediaType'> | undefined
  readonly seconds?: number
  readonly seed?: number | undefined
  readonly take?: number | undefined
}

/** The model input, with warnings for what had to change to fit the model. */
export function replicateInput(modelId: string, request: ReplicateInputRequest): { input: Record<string, JsonValue>; warnings: string[] } {
  const model = replicateModel(modelId)
  const warnings: string[] = []
  const aspect = supportedAspect(request.aspectRatio, model.aspectRatios)
  if (aspect !== request.aspectRatio) warnings.push(`aspect ratio ${request.aspectRatio} sent as ${aspect}: ${modelId} does not take it`)
  const input: Record<string, JsonValue> = { prompt: request.prompt, aspect_ratio: aspect }
  if (request.image && model.imageField) input[model.imageField] = dataUrl(request.image)
  else if (request.image) warnings.push(`input image not sent: ${modelId} takes none`)
  if (request.seconds !== undefined) {
    const seconds = nearestSeconds(request.seconds, model.seconds)
    if (seconds !== request.seconds) warnings.push(`${request.seconds} s sent as ${seconds} s: ${modelId} takes ${model.seconds?.join(', ') ?? 'whole seconds'}`)
    input.duration = seconds
  }
  const seed = takeSeed(request.seed, request.take)
  if (seed !== undefined) input.seed = seed
  return { input, warnings }
}
