import { isJobGone } from '../providers/job-gone.js'
import type { CallOptions, JsonValue, VideoJob, VideoModel, VideoRequest, VideoStatus } from '../providers/types.js'
import { modelCacheKey } from './cache-key.js'
import { legacyVideoKey } from './legacy-video-key.js'
import { toStoredJob, type BlobRef, type StoredJob } from './cache-records.js'
import { blobMedia, blobsIntact, newRecordMeta, reportWriteFailure, saved, touch, type LayerContext } from './layer-context.js'

/** A job picked up from `job:<key>`, started by an earlier (crashed or interrupted) run. */
export type ResumedVideoJob = VideoJob & { readonly resumed: true }

export function isResumedJob(job: VideoJob): job is ResumedVideoJob {
  return (job as Partial<ResumedVideoJob>).resumed === true
}

/** The state of the synthetic job a hit returns; nothing a provider would ever write. */
interface HitState {
  readonly vimaxCacheHit: { readonly key: string; readonly blob: BlobRef }
}

/**
 * Video is a start and polls, so the cache sits on both:
 * - `start`: a finished clip (`video:<key>`) becomes a job whose first status is done; a job an
 *   earlier run started (`job:<key>`) is resumed, never started again; otherwise the provider
 *   starts one and `job:<key>` is written before `start` returns, so a crash while polling loses
 *   nothing that was paid for. A recorded job is asked for its status first: one the vendor no
 *   longer knows (E_PROVIDER_JOB_GONE) is dropped with a warning and started again — a new paid
 *   call — instead of blocking its shot forever. That first status is the first poll's answer.
 * - `status`: done → the clip into the blob store, then `video:<key>`, then `job:<key>` deleted;
 *   failed → `job:<key>` deleted (failures are not cached) and the failure passed on; a status
 *   call that throws leaves the job recorded, so a rerun polls it again — unless it says the
 *   vendor no longer knows the job: then the record goes, and the rerun starts it again.
 *
 * Decision: `read: false` (`--no-cache`) skips finished clips but still resumes a recorded job —
 * that job is already paid for, and starting another would pay twice for the same request.
 */
export function cachedVideo(model: VideoModel, ctx: LayerContext): VideoModel {
  const jobKeys = new Map<string, string>()
  // The final status per job id, so callers sharing a job (or polling it twice) store its clip once.
  const finished = new Map<string, Promise<VideoStatus>>()
  // A resumed job's first status, asked at start; handed to its first poll rather than asked twice.
  const probed = new Map<string, VideoStatus>()
  // Jobs of this run by key, from start until a terminal status: an identical request meanwhile
  // joins the job rather than paying for another, with `--no-cache` too (it is still one request).
  const live = new Map<string, VideoJob>()
  // One status call per job at a time: callers sharing a job ask the vendor once.
  const polling = new Map<string, Promise<VideoStatus>>()
  let hits = 0

  const hitJob = (key: string, blob: BlobRef, costUsd: number | undefined): VideoJob => {
    const state: HitState = { vimaxCacheHit: { key, blob } }
    // A fresh id per hit: observers match a job's start to its end by id.
    return { id: `vimax-cache-${++hits}`, state: state as unknown as JsonValue, cached: true, cacheKey: key, ...saved(costUsd) }
  }

  async function finish(key: string, job: VideoJob, status: Extract<VideoStatus, { state: 'done' }>): Promise<VideoStatus> {
    let ref: BlobRef
    try {
      ref = await ctx.blobs.put(status.video)
    } catch (error) {
      reportWriteFailure(ctx, error)
      // The run still gets its clip; the job is done, so its record goes (the vendor's copy may expire).
      await ctx.records.delete('job', key)
      return { ...status, cached: false, cacheKey: key }
    }
    if (ref.bytes > 0) {
      const record = newRecordMeta(model, 'video', ref.bytes, ctx.now(), status.costUsd ?? job.costUsd)
      await ctx.records.set('video', key, { ...record, blob: ref })
    }
    await ctx.records.delete('job', key)
    return { ...status, video: blobMedia(ctx, ref), cached: false, cacheKey: key }
  }

  async function startNew(key: string, request: VideoRequest, options: CallOptions | undefined): Promise<VideoJob> {
    const job = await model.start(request, options)
    if (job.planned === true) return { ...job, cacheKey: key } // a dry run's placeholder: no job exists
    jobKeys.set(job.id, key)
    await ctx.records.set('job', key, { ...newRecordMeta(model, 'video', 0, ctx.now(), job.costUsd), job: toStoredJob(job) })
    return { ...job, cacheKey: key }
  }

  /** A recorded job, asked for its status first: one the vendor no longer knows is started again. */
  async function resume(key: string, stored: StoredJob, request: VideoRequest, options: CallOptions | undefined): Promise<VideoJob> {
    const resumed: ResumedVideoJob = { ...stored, cacheKey: key, resumed: true }
    const first = await model.status(resumed, options).then(
      (status) => ({ status }),
      (error: unknown) => ({ error }),
    )
    if (!('error' in first)) probed.set(resumed.id, first.status)
    if (!('error' in first) || !isJobGone(first.error)) {
      jobKeys.set(resumed.id, key)
      return resumed // a status that failed otherwise is the polling loop's to retry
    }
    await ctx.records.delete('job', key)
    const job = await startNew(key, request, options)
    const warning = `${options?.subject ?? 'a call'}: job ${resumed.id} is no longer known to ${model.provider} (expired or removed); started again as job ${job.id}, a new paid call`
    return { ...job, warnings: [...(job.warnings ?? []), warning] }
  }

  /** A job the vendor no longer knows is not worth its record: the next run starts it again. */
  async function pollOnce(key: string, job: VideoJob, options: CallOptions | undefined): Promise<VideoStatus> {
    const asked = polling.get(job.id)
    if (asked !== undefined) return asked
    const asking = model.status(job, options).catch(async (error: unknown) => {
      if (isJobGone(error)) {
        live.delete(key)
        await ctx.records.delete('job', key)
      }
      throw error
    })
    polling.set(job.id, asking)
    try {
      return await asking
    } finally {
      polling.delete(job.id)
    }
  }

  /** A clip or job recorded under the key of an earlier version moves to today's key (see legacy-video-key). */
  async function adoptLegacy(key: string, request: VideoRequest, options: CallOptions | undefined): Promise<VideoJob | undefined> {
    const legacyKey = legacyVideoKey(model, request, options)
    if (legacyKey === undefined || legacyKey === key) return undefined
    if (ctx.read) {
      const hit = await ctx.records.get('video', legacyKey)
      if (hit !== undefined && 'blob' in hit && (await blobsIntact(ctx, 'video', legacyKey, [hit.blob]))) {
        await touch(ctx, 'video', key, hit) // written under today's key; the old one ages out
        return hitJob(key, hit.blob, hit.costUsd)
      }
    }
    const recorded = await ctx.records.get('job', legacyKey)
    if (recorded === undefined || !('job' in recorded)) return undefined
    await ctx.records.set('job', key, recorded)
    await ctx.records.delete('job', legacyKey)
    return resume(key, recorded.job, request, options)
  }

  return {
    ...model,
    async start(request, options) {
      const key = modelCacheKey(model, request)
      const running = live.get(key)
      if (running !== undefined) return joined(running)
      // What another run (this one earlier, or another process) left: a finished clip, or a paid job to resume.
      const lookup = async (): Promise<VideoJob | undefined> => {
        if (ctx.read) {
          const hit = await ctx.records.get('video', key)
          if (hit !== undefined && 'blob' in hit && (await blobsIntact(ctx, 'video', key, [hit.blob]))) {
            await touch(ctx, 'video', key, hit)
            return hitJob(key, hit.blob, hit.costUsd)
          }
        }
        const recorded = await ctx.records.get('job', key)
        return recorded !== undefined && 'job' in recorded ? resume(key, recorded.job, request, options) : undefined
      }
      // The lease covers only the start, until `job:<key>` is written: from then on waiters resume the job.
      const pay = async (): Promise<VideoJob> => (await adoptLegacy(key, request, options)) ?? startNew(key, request, options)
      const { value, shared } = await ctx.inflight.run(key, async () => (await lookup()) ?? ctx.lease.run(`video:${key}`, lookup, pay, options?.signal))
      if (value.cached !== true) live.set(key, value)
      // Callers sharing a job share its id; each gets its own object.
      return shared ? joined(value) : { ...value }
    },
    async status(job, options) {
      const hit = hitOf(job)
      if (hit !== undefined) return { state: 'done', video: blobMedia(ctx, hit.blob), cached: true, cacheKey: hit.key }
      const key = job.cacheKey ?? jobKeys.get(job.id)
      if (key === undefined || job.planned === true) return model.status(job, options)
      const settled = finished.get(job.id)
      if (settled !== undefined) return settled
      const status = probed.get(job.id) ?? (await pollOnce(key, job, options))
      probed.delete(job.id)
      // A dry run answers even a resumed job with a placeholder: the job and its record stay as they are.
      if (status.state === 'pending' || (status.state === 'done' && status.planned === true)) return status
      if (status.state === 'failed') {
        live.delete(key)
        await ctx.records.delete('job', key)
        return status
      }
      const again = finished.get(job.id) // another caller's poll may have finished it meanwhile
      if (again !== undefined) return again
      const done = finish(key, job, status)
      finished.set(job.id, done)
      // Gone from `live` only once stored: a start after this finds the clip in the cache.
      done.finally(() => live.delete(key)).catch(() => undefined)
      return done
    },
  }
}

/**
 * A caller joining a job someone else started paid nothing and resumed nothing: only the job
 * itself is shared (the call observer reports the second caller of one job id as a hit).
 */
function joined(job: VideoJob): VideoJob {
  const { resumed: _resumed, warnings: _warnings, queuedMs: _queued, ...rest } = job
  return { ...rest }
}

function hitOf(job: VideoJob): HitState['vimaxCacheHit'] | undefined {
  const state = job.state
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return undefined
  const hit = (state as Record<string, unknown>).vimaxCacheHit as HitState['vimaxCacheHit'] | undefined
  return hit !== undefined && typeof hit.key === 'string' && typeof hit.blob?.sha256 === 'string' ? hit : undefined
}
