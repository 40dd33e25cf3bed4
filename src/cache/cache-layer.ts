import type { ModelLayer } from '../pipeline/prepare-models.js'
import type { BlobStore } from './blob-store.js'
import { cachedMusic, cachedSpeech } from './cached-audio.js'
import { cachedChat, cachedImage } from './cached-generate.js'
import { cachedVideo } from './cached-video.js'
import { modelCacheKey } from './cache-key.js'
import type { LeaseStore } from './call-lease.js'
import { createInFlight } from './in-flight.js'
import { createLeaseGate } from './lease-gate.js'
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
  /** Call leases shared with other processes using the same records; absent: none coordinated. */
  readonly leases?: LeaseStore
  /** How long a lease lasts unrenewed (a dead holder blocks others at most this long). @default 30 s */
  readonly leaseTtlMs?: number
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
  const warnOnce = (topic: string, message: string) => {
    if (warned.has(topic)) return
    warned.add(topic)
    options.warn(message)
  }
  // `--no-cache` serves no stored result, so it has nothing to wait for: it pays at once.
  const leases = options.read === false ? undefined : options.leases
  const ctx: LayerContext = {
    records: options.records,
    blobs: options.blobs,
    read: options.read ?? true,
    now: options.now ?? Date.now,
    inflight: createInFlight(),
    lease: createLeaseGate({ leases, warnOnce, ...(options.leaseTtlMs !== undefined && { ttlMs: options.leaseTtlMs }) }),
    warnOnce,
  }
  return {
    chat: (model) => cachedChat(model, ctx),
    image: (model) => cachedImage(model, ctx),
    video: (model) => cachedVideo(model, ctx),
    speech: (model) => cachedSpeech(model, ctx),
    music: (model) => cachedMusic(model, ctx),
    async has(model, request) {
      const key = modelCacheKey(model, request as Parameters<typeof modelCacheKey>[1])
      if (ctx.read && (await ctx.records.get(model.kind, key)) !== undefined) return true
      // A job already started (and paid for) is resumed by its own model, --no-cache or not.
      return (model.kind === 'video' || model.kind === 'image') && (await ctx.records.get('job', key)) !== undefined
    },
    async evict(key) {
      for (const namespace of ['chat', 'image', 'video', 'speech', 'music'] as const) await ctx.records.delete(namespace, key)
    },
  }
}
