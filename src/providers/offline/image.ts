import { CancelledError } from '../../errors.js'
import { renderCard } from '../../media/card.js'
import { cardSeed, cardTextFromPrompt } from '../../media/card-text.js'
import { sleep as realSleep } from '../../util/sleep.js'
import type { CallOptions, ImageModel, ImageRequest, ImageResult } from '../types.js'
import type { OfflineOptions } from './options.js'

/** Part of the cache key: bump when the same request starts drawing a different card. */
export const OFFLINE_RENDERER_VERSION = 1

/**
 * The offline image model: a storyboard card per request, drawn from the prompt, with the
 * references as labelled thumbnails. Deterministic, so it caches like a real model would.
 */
export function createOfflineImageModel(modelId: string, options: OfflineOptions = {}): ImageModel {
  const sleep = options.sleep ?? realSleep
  return {
    kind: 'image',
    provider: 'offline',
    modelId,
    fingerprint: { renderer: OFFLINE_RENDERER_VERSION },
    async generate(request: ImageRequest, call: CallOptions = {}): Promise<ImageResult> {
      if (call.signal?.aborted) throw new CancelledError()
      const latency = options.latencyMs?.image ?? 0
      if (latency > 0) await sleep(latency, call.signal)
      const { heading, body } = cardTextFromPrompt(request.prompt)
      const bytes = renderCard({
        width: pixels(request.width),
        height: pixels(request.height),
        heading,
        body,
        thumbnails: request.references,
        seed: cardSeed(request.seed, request.take, request.prompt),
      })
      return { images: [{ kind: 'bytes', bytes, mediaType: 'image/png' }], warnings: [] }
    },
  }
}

/** Requests come from our own code, but a zero or fractional size must not crash the renderer. */
function pixels(value: number): number {
  return Number.isFinite(value) ? Math.min(4096, Math.max(16, Math.round(value))) : 720
}
