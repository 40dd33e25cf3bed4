import type { AlignmentUnit, CallMeta, Media, MusicModel, MusicRequest, SpeechModel, SpeechRequest } from '../providers/types.js'
import { modelCacheKey } from './cache-key.js'
import type { AudioRecord } from './cache-records.js'
import { asFollower } from './cached-generate.js'
import { blobMedia, blobsIntact, newRecordMeta, reportWriteFailure, saved, touch, type LayerContext } from './layer-context.js'

/**
 * A spoken line is cached like an image: the audio as a blob (written first), a record pointing
 * at it with what timing needs (length, alignment) and the characters billed. The key is the
 * whole request — text, voice, language, instructions, speed, seed — so editing one line makes
 * one new call, and a warm rerun none.
 */
export function cachedSpeech(model: SpeechModel, ctx: LayerContext): SpeechModel {
  return { ...model, generate: (request, options) => cachedAudio(model, ctx, 'speech', request, () => model.generate(request, options), options?.signal) }
}

/** A music bed, cached the same way: prompt, length and seed decide it. */
export function cachedMusic(model: MusicModel, ctx: LayerContext): MusicModel {
  return { ...model, generate: (request, options) => cachedAudio(model, ctx, 'music', request, () => model.generate(request, options), options?.signal) }
}

interface AudioFacts {
  readonly durationS?: number
  readonly alignment?: readonly AlignmentUnit[]
  readonly characters?: number
}

async function cachedAudio<R extends CallMeta & { readonly audio: Media } & AudioFacts>(
  model: SpeechModel | MusicModel,
  ctx: LayerContext,
  namespace: 'speech' | 'music',
  request: SpeechRequest | MusicRequest,
  call: () => Promise<R>,
  signal: AbortSignal | undefined,
): Promise<R> {
  const key = modelCacheKey(model, request)
  const lookup = async (): Promise<R | undefined> => {
    if (!ctx.read) return undefined
    const hit = await ctx.records.get(namespace, key)
    if (hit === undefined || !('blob' in hit) || !(await blobsIntact(ctx, namespace, key, [hit.blob]))) return undefined
    await touch(ctx, namespace, key, hit)
    return { audio: blobMedia(ctx, hit.blob), ...facts(hit as AudioRecord), cached: true, cacheKey: key, ...saved(hit.costUsd) } as unknown as R
  }
  const pay = async (): Promise<R> => {
    const result = await call()
    // A dry run's stand-in was never made, and an empty answer is how a vendor fails quietly: neither is kept.
    if (result.planned === true || isEmpty(result.audio)) return { ...result, cached: false, cacheKey: key }
    try {
      const ref = await ctx.blobs.put(result.audio)
      await ctx.records.set(namespace, key, { ...newRecordMeta(model, namespace, ref.bytes, ctx.now(), result.costUsd), blob: ref, ...facts(result) })
      return { ...result, audio: blobMedia(ctx, ref), cached: false, cacheKey: key }
    } catch (error) {
      reportWriteFailure(ctx, error)
      return { ...result, cached: false, cacheKey: key }
    }
  }
  const { value, shared } = await ctx.inflight.run(key, async () => (await lookup()) ?? ctx.lease.run(`${namespace}:${key}`, lookup, pay, signal))
  return shared ? asFollower(value) : value
}

function facts(from: AudioFacts): AudioFacts {
  return {
    ...(from.durationS !== undefined && { durationS: from.durationS }),
    ...(from.alignment !== undefined && { alignment: from.alignment }),
    ...(from.characters !== undefined && { characters: from.characters }),
  }
}

const isEmpty = (media: Media) => media.kind === 'bytes' && media.bytes.byteLength === 0

