import type { CallOptions, VideoModel, VideoRequest } from '../providers/types.js'
import { modelCacheKey } from './cache-key.js'

/**
 * Before 0.1.1 a shot's first frame was labelled `first frame of shot <id>`, and the label is part
 * of the key, so identical shots never shared a clip. The label is now `first frame`; clips bought
 * under the old key are still found through this one, so nobody pays again for them after the
 * upgrade. Drop it once 0.2 ships (prune collects the old keys by age).
 */
export function legacyVideoKey(model: VideoModel, request: VideoRequest, options: CallOptions | undefined): string | undefined {
  const subject = options?.subject
  if (request.image === undefined || request.image.label !== 'first frame' || subject === undefined || !subject.startsWith('shot ')) return undefined
  return modelCacheKey(model, { ...request, image: { ...request.image, label: `first frame of ${subject}` } })
}
