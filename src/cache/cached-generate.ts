import { isJobGone } from '../providers/job-gone.js'
import type { CallMeta, CallOptions, ChatModel, ChatResult, ImageModel, ImageRequest, ImageResult, JobHooks, Media } from '../providers/types.js'
import { toStoredJob, type BlobRef, type StoredJob } from './cache-records.js'
import { modelCacheKey } from './cache-key.js'
import { blobMedia, blobsIntact, newRecordMeta, reportWriteFailure, saved, touch, type LayerContext } from './layer-context.js'

/**
 * Chat answers are cached as text. An empty answer is never stored: it is how a vendor fails
 * quietly, and a stored one would fail every rerun too.
 */
export function cachedChat(model: ChatModel, ctx: LayerContext): ChatModel {
  return {
    ...model,
    async generate(request, options) {
      const key = modelCacheKey(model, request)
      const lookup = async (): Promise<ChatResult | undefined> => {
        if (!ctx.read) return undefined
        const hit = await ctx.records.get('chat', key)
        if (hit === undefined || !('text' in hit)) return undefined
        await touch(ctx, 'chat', key, hit)
        return { text: hit.text, cached: true, cacheKey: key, ...saved(hit.costUsd) }
      }
      const pay = async (): Promise<ChatResult> => {
        const result = await model.generate(request, options)
        if (result.text.trim() !== '') {
          await ctx.records.set('chat', key, { ...newRecordMeta(model, 'chat', Buffer.byteLength(result.text), ctx.now(), result.costUsd), text: result.text })
        }
        return { ...result, cached: false, cacheKey: key }
      }
      const { value, shared } = await ctx.inflight.run(key, async () => (await lookup()) ?? ctx.lease.run(`chat:${key}`, lookup, pay, options?.signal))
      return shared ? asFollower(value) : value
    },
  }
}

/**
 * Images are cached as blobs (written first) and a record listing them (written last), and come
 * back as the blob files. A result with no images is never stored. A blob that cannot be written
 * (full disk, read-only folder) leaves that result uncached, with one warning for the run.
 * A job-based image call (a queue) is kept like a video job: see `jobCall`.
 */
export function cachedImage(model: ImageModel, ctx: LayerContext): ImageModel {
  return {
    ...model,
    async generate(request, options) {
      const key = modelCacheKey(model, request)
      const lookup = async (): Promise<ImageResult | undefined> => {
        if (!ctx.read) return undefined
        const hit = await ctx.records.get('image', key)
        if (hit === undefined || !('blobs' in hit) || hit.blobs.length === 0 || !(await blobsIntact(ctx, 'image', key, hit.blobs))) return undefined
        await touch(ctx, 'image', key, hit)
        return { images: hit.blobs.map((ref) => blobMedia(ctx, ref)), cached: true, cacheKey: key, ...saved(hit.costUsd) }
      }
      const pay = async (): Promise<ImageResult> => {
        const call = await jobCall(model, ctx, key, request, options)
        const result = call.result
        // A dry run's placeholder was never made: nothing is kept, and a recorded job stays for the real run.
        if (result.planned === true) return { ...result, cached: false, cacheKey: key }
        if (result.images.length === 0) {
          // Nothing to keep (an empty result is how a vendor fails quietly), nor a job left to resume.
          if (call.recorded) await ctx.records.delete('job', key)
          return { ...result, cached: false, cacheKey: key }
        }
        const stored = await storeAll(ctx, result.images)
        if (stored.refs !== undefined) {
          const bytes = stored.refs.reduce((total, ref) => total + ref.bytes, 0)
          await ctx.records.set('image', key, { ...newRecordMeta(model, 'image', bytes, ctx.now(), result.costUsd), blobs: stored.refs })
        }
        // Only now: a crash before this line finds the job recorded and resumes it, paying nothing.
        if (call.recorded) await ctx.records.delete('job', key)
        return { ...result, images: stored.images, cached: false, cacheKey: key }
      }
      const { value, shared } = await ctx.inflight.run(key, async () => (await lookup()) ?? ctx.lease.run(`image:${key}`, lookup, pay, options?.signal))
      return shared ? asFollower(value) : value
    },
  }
}

/**
 * The provider call, with the hooks a job-based model uses (`jobImageModel`) — others ignore
 * them: a job an earlier run recorded (`job:<key>`) is resumed, even under `--no-cache`, for it
 * is paid for; a new job is recorded before the first wait on it; a failed one is forgotten. A
 * resumed job the vendor no longer knows is dropped with a warning and submitted again.
 */
async function jobCall(
  model: ImageModel,
  ctx: LayerContext,
  key: string,
  request: ImageRequest,
  options: CallOptions | undefined,
): Promise<{ result: ImageResult; recorded: boolean }> {
  let recorded = false
  const hooks = (resume: StoredJob | undefined): JobHooks => ({
    ...(resume === undefined ? {} : { resume }),
    async started(job) {
      await ctx.records.set('job', key, { ...newRecordMeta(model, 'image', 0, ctx.now(), job.costUsd), job: toStoredJob(job) })
      recorded = true
    },
    async failed() {
      await ctx.records.delete('job', key)
      recorded = false
    },
  })
  const stored = await ctx.records.get('job', key)
  const resume = stored !== undefined && 'job' in stored ? stored.job : undefined
  recorded = resume !== undefined
  try {
    const result = await model.generate(request, { ...options, job: hooks(resume) })
    return { result: resume === undefined ? result : { ...result, resumed: true }, recorded }
  } catch (error) {
    if (!isJobGone(error)) throw error
    await ctx.records.delete('job', key)
    recorded = false
    if (resume === undefined) throw error
    const result = await model.generate(request, { ...options, job: hooks(undefined) })
    const warning = `${options?.subject ?? 'an image'}: job ${resume.id} is no longer known to ${model.provider} (expired or removed); submitted again, a new paid call`
    return { result: { ...result, warnings: [...(result.warnings ?? []), warning] }, recorded }
  }
}

/** Every image into the blob store; `refs` is undefined when any could not be kept. */
async function storeAll(ctx: LayerContext, images: readonly Media[]): Promise<{ images: Media[]; refs: BlobRef[] | undefined }> {
  const out: Media[] = []
  const refs: BlobRef[] = []
  let complete = true
  for (const media of images) {
    try {
      const ref = await ctx.blobs.put(media)
      refs.push(ref)
      out.push(blobMedia(ctx, ref))
    } catch (error) {
      reportWriteFailure(ctx, error)
      complete = false
      out.push(media) // the blob store left it where it was
    }
  }
  return { images: out, refs: complete ? refs : undefined }
}

/**
 * A caller that waited on someone else's identical call paid nothing: it is reported as cached,
 * with no cost or attempts of its own, so the ledger does not count the money twice.
 */
export function asFollower<R extends CallMeta>(result: R): R {
  const { costUsd, attempts: _attempts, queuedMs: _queued, ...rest } = result
  return { ...rest, cached: true, ...saved(result.cached === true ? result.savedUsd : costUsd) } as R
}
