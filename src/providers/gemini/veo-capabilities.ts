import type { AspectRatio } from '../../film.js'
import type { VideoCapabilities } from '../types.js'

/**
 * What each Veo family accepts through the Gemini API (durationSeconds is model-specific; only
 * 16:9 and 9:16 exist): hints for a program running the pipeline without the capability table,
 * whose rows (configs/capabilities.yaml) say the same and win. Unknown (newer) ids get the Veo 3 set, the current generation's.
 * Veo 3 always makes the clip's sound there — `generateAudio` is a Vertex-only switch the Gemini
 * API answers with a 400 — and Veo 2 never does.
 */
export function veoCapabilities(modelId: string): VideoCapabilities & { readonly seconds: readonly number[]; readonly aspectRatios: readonly AspectRatio[] } {
  const veo2 = /^(models\/)?veo-2\./.test(modelId)
  return { seconds: veo2 ? [5, 6, 7, 8] : [4, 6, 8], aspectRatios: ['16:9', '9:16'], audio: !veo2 }
}
