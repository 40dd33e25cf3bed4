import type { ModelLayer } from '../pipeline/prepare-models.js'
import type { BlobStore } from './blob-store.js'
import { cachedMusic, cachedSpeech } from './cached-audio.js'
import { cachedChat, cachedImage } from './cached-generate.js'
import { cachedVideo } from './cached-video.js'
import { createInFlight } from './in-flight.js'
import type { LayerContext } from './layer-context.js'
import type { RecordStore } from './record-store.js'

export interface CacheLayerOptions {
  readonly records: RecordStore
  readonly blobs: BlobStore
  /** False for `--no-cache`: stored results are not served, new ones are still written. @default true */
  readonly read?: boolean
  /** One line per problem (damaged blob, full disk); the run goes on uncached. */
  readonly warn: (message: string) => void
  readonly now?: () => number
}

export interface CacheLayer extends ModelLayer {
  /**
   * Forgets a finished result (chat, image or video) by its key — `result.cacheKey`. For a caller
   * whose parser rejects a cached answer: evict, then ask again (promptfoo's `deleteFromCache`).
   * Decision: an explicit eviction rather than an `isValid` hook, because validity is known
   * only after the agent's own parsing, far above the layer.
   */
  evict(key: string): Promise<void>
}

/**
 * The cache as a model layer: each model is wrapped once, outside its lane, so a hit never waits
 * for a lane slot and nothing else in the code knows the cache exists.
 */
export function createCacheLayer(options: CacheLayerOptions): CacheLayer {
  const warned = new Set<string>()
  const ctx: LayerContext = {
    records: options.records,
    blobs: options.blobs,
    read: options.read ?? true,
    now: options.now ?? Date.now,
    inflight: createInFlight(),
    warnOnce(topic, message) {
      if (warned.has(topic)) return
      warned.add(topic)
      options.warn(message)
    },
  }
  return {
    chat: (model) => cachedChat(model, ctx),
    image: (model) => cachedImage(model, ctx),
    video: (model) => cachedVideo(model, ctx),
    speech: (model) => cachedSpeech(model, ctx),
    music: (model) => cachedMusic(model, ctx),
    async evict(key) {
      for (const namespace of ['chat', 'image', 'video', 'speech', 'music'] as const) await ctx.records.delete(namespace, key)
    },
  }
}
