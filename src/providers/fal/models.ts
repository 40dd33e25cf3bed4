import type { AspectRatio } from '../../film.js'
import { ConfigError } from '../../errors.js'
import type { VideoCapabilities } from '../types.js'

/** How one fal endpoint wants its input; fal has no common schema, each app names its own fields. */
export interface FalModel {
  readonly kind: 'image' | 'video'
  /** `image_size` presets (flux), an `aspect_ratio` string, or nothing (image-to-video follows its frame). */
  readonly shape: 'image_size' | 'aspect_ratio' | 'none'
  /** Whether it takes one input image as `image_url` (a reference, or the first frame). */
  readonly image: 'required' | 'optional' | 'none'
  /** The sibling endpoint to use when the request has an image and this one takes none… */
  readonly withImage?: string
  /** …or has none and this one needs it. */
  readonly withoutImage?: string
  /** Durations in seconds, and whether the app wants them as strings ("5"), numbers, or strings in seconds ("8s"). */
  readonly seconds?: readonly number[]
  readonly duration?: 'string' | 'number' | 'seconds' | 'none'
  /** The input field taking a list of reference images (reference-to-video), as data URLs. */
  readonly references?: string
  readonly aspectRatios?: readonly AspectRatio[]
  /**
   * The clip's own sound: `switch` takes `generate_audio` (on by default at fal, and dearer, so it
   * is always sent), `none` makes no sound; unknown endpoints get the switch only when asked.
   */
  readonly audio?: 'switch' | 'none'
}

const KLING = { kind: 'video', seconds: [5, 10], duration: 'string', aspectRatios: ['16:9', '9:16', '1:1'], audio: 'none' } as const
// Veo 3 on fal: "4s"/"6s"/"8s", landscape or portrait, and a generate_audio switch (fal's model pages).
const VEO3 = { kind: 'video', shape: 'aspect_ratio', seconds: [4, 6, 8], duration: 'seconds', aspectRatios: ['16:9', '9:16'], audio: 'switch' } as const
const KLING_I2V: FalModel = { ...KLING, shape: 'none', image: 'required', withoutImage: 'fal-ai/kling-video/v2.1/master/text-to-video' }
const FLUX: FalModel = { kind: 'image', shape: 'image_size', image: 'none', withImage: 'fal-ai/flux-pro/kontext' }

/**
 * Endpoints whose inputs we know (from fal's model pages). Text-to-image flux takes no reference,
 * so a request with references goes to FLUX.1 Kontext [pro], which edits from one image.
 */
export const FAL_MODELS: Readonly<Record<string, FalModel>> = {
  'fal-ai/flux/schnell': FLUX,
  'fal-ai/flux/dev': FLUX,
  'fal-ai/flux-pro/kontext': { kind: 'image', shape: 'aspect_ratio', image: 'required', withoutImage: 'fal-ai/flux-pro/kontext/text-to-image' },
  'fal-ai/flux-pro/kontext/text-to-image': { kind: 'image', shape: 'aspect_ratio', image: 'none', withImage: 'fal-ai/flux-pro/kontext' },
  'fal-ai/kling-video/v2.1/standard/image-to-video': KLING_I2V,
  'fal-ai/kling-video/v2.1/pro/image-to-video': KLING_I2V,
  'fal-ai/kling-video/v2.1/master/image-to-video': KLING_I2V,
  'fal-ai/kling-video/v2.1/master/text-to-video': { ...KLING, shape: 'aspect_ratio', image: 'none', withImage: 'fal-ai/kling-video/v2.1/master/image-to-video' },
  'fal-ai/veo3': { ...VEO3, image: 'none', withImage: 'fal-ai/veo3/image-to-video' },
  'fal-ai/veo3/image-to-video': { ...VEO3, image: 'required', withoutImage: 'fal-ai/veo3' },
  'fal-ai/veo3/fast': { ...VEO3, image: 'none', withImage: 'fal-ai/veo3/fast/image-to-video' },
  'fal-ai/veo3/fast/image-to-video': { ...VEO3, image: 'required', withoutImage: 'fal-ai/veo3/fast' },
  // Vidu Q1 keeps faces from up to 7 images (the capability row sends 3); its clips are 5 s, with no duration field.
  'fal-ai/vidu/q1/reference-to-video': { kind: 'video', shape: 'aspect_ratio', image: 'none', seconds: [5], duration: 'none', aspectRatios: ['16:9', '9:16', '1:1'], audio: 'none', references: 'reference_image_urls' },
}

/** Unknown endpoints get the most common field names; fal's 422 names any that do not fit. */
const GENERIC: Record<FalModel['kind'], FalModel> = {
  image: { kind: 'image', shape: 'aspect_ratio', image: 'optional' },
  video: { kind: 'video', shape: 'aspect_ratio', image: 'optional', duration: 'number', references: 'reference_image_urls' },
}

export const FAL_DEFAULTS = { image: 'fal-ai/flux/schnell', video: 'fal-ai/kling-video/v2.1/standard/image-to-video' } as const

export function falModel(modelId: string, kind: FalModel['kind']): FalModel {
  const known = FAL_MODELS[modelId]
  return known?.kind === kind ? known : GENERIC[kind]
}

export function falCapabilities(modelId: string): VideoCapabilities | undefined {
  const { seconds, aspectRatios, audio } = falModel(modelId, 'video')
  if (!seconds && !aspectRatios && !audio) return undefined
  return { ...(seconds ? { seconds } : {}), ...(aspectRatios ? { aspectRatios } : {}), ...(audio ? { audio: audio === 'switch' } : {}) }
}

export interface Endpoint {
  readonly id: string
  readonly model: FalModel
  /** The request's image is sent. */
  readonly sendsImage: boolean
  readonly warnings: readonly string[]
}

/** Which endpoint serves this request: the chosen one, or its sibling for the image it has or lacks. */
export function endpointFor(modelId: string, kind: FalModel['kind'], hasImage: boolean): Endpoint {
  const model = falModel(modelId, kind)
  const sibling = hasImage ? (model.image === 'none' ? model.withImage : undefined) : model.image === 'required' ? model.withoutImage : undefined
  if (sibling) {
    const why = hasImage ? 'takes no input image' : 'needs an input image'
    return { id: sibling, model: falModel(sibling, kind), sendsImage: hasImage, warnings: [`sent to ${sibling}: ${modelId} ${why}`] }
  }
  if (!hasImage && model.image === 'required') {
    throw new ConfigError(`fal:${modelId} needs an input image and this request has none`, {
      code: 'E_MODEL_UNKNOWN',
      hint: `choose a text-to-${kind} fal model for this step`,
    })
  }
  const dropped = hasImage && model.image === 'none'
  return { id: modelId, model, sendsImage: hasImage && !dropped, warnings: dropped ? [`input image not sent: ${modelId} takes none`] : [] }
}

/** flux's `image_size` preset nearest the aspect ratio. */
export function imageSizePreset(aspect: AspectRatio): string {
  return aspect === '16:9' ? 'landscape_16_9' : aspect === '9:16' ? 'portrait_16_9' : 'square_hd'
}
