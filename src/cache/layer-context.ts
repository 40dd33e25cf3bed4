import type { ModelKind } from '../providers/types.js'
import type { BlobStore } from './blob-store.js'
import { CacheWriteError } from './cache-errors.js'
import type { BlobRef, CacheNamespace, CacheRecord, RecordMeta } from './cache-records.js'
import type { InFlight } from './in-flight.js'
import type { LeaseGate } from './lease-gate.js'
import type { RecordStore } from './record-store.js'

/** What the chat, image and video wrappers of one cache layer share. */
export interface LayerContext {
  readonly records: RecordStore
  readonly blobs: BlobStore
  /** False for `--no-cache`: finished results are not served, but new ones are still stored. */
  readonly read: boolean
  readonly now: () => number
  readonly inflight: InFlight
  /** The same across processes: one pays for an uncached call, the others wait for its record. */
  readonly lease: LeaseGate
  /** Warns once per topic: a full disk must not print one line per shot. */
  warnOnce(topic: string, message: string): void
}

export function newRecordMeta(
  model: { readonly provider: string; readonly modelId: string },
  kind: ModelKind,
  bytes: number,
  now: number,
  costUsd: number | undefined,
): RecordMeta {
  return { kind, provider: model.provider, model: model.modelId, createdAt: now, lastUsedAt: now, hits: 0, bytes, ...(costUsd === undefined ? {} : { costUsd }) }
}

/** Best effort: a hit whose touch fails is still a hit; prune also reads last use from the ledger. */
export async function touch(ctx: LayerContext, namespace: CacheNamespace, key: string, record: CacheRecord): Promise<void> {
  await ctx.records.set(namespace, key, { ...record, lastUsedAt: ctx.now(), hits: record.hits + 1 })
}

/** All of a record's blobs are present and intact; otherwise the record goes and the caller regenerates. */
export async function blobsIntact(ctx: LayerContext, namespace: CacheNamespace, key: string, refs: readonly BlobRef[]): Promise<boolean> {
  for (const ref of refs) {
    if (!(await ctx.blobs.verify(ref))) {
      ctx.warnOnce(`blob:${key}`, `cache: a stored ${namespace} result (${ref.sha256.slice(0, 12)}…) is missing or damaged; regenerating it`)
      // Deleted, not left for the store to overwrite: if regeneration fails it must not be served later.
      await ctx.records.delete(namespace, key)
      return false
    }
  }
  return true
}

/** Media a hit hands out: the blob file itself (the output folder links or copies it). */
export function blobMedia(ctx: LayerContext, ref: BlobRef) {
  return { kind: 'file', path: ctx.blobs.path(ref), mediaType: ref.mediaType } as const
}

/** A blob that could not be written is a warning, not a failure; anything else is a bug. */
export function reportWriteFailure(ctx: LayerContext, error: unknown): void {
  if (!(error instanceof CacheWriteError)) throw error
  const advice = writeFailureAdvice(error)
  ctx.warnOnce('write', `${error.message}; continuing without caching such results${advice === undefined ? '' : ` (${advice})`}`)
}

/**
 * The fix a failed cache write calls for, from what failed: freeing space only when the disk is
 * full, another folder only when this one refuses writes: advice to free space after a file
 * vanished (ENOENT) sent people the wrong way.
 */
export function writeFailureAdvice(error: CacheWriteError): string | undefined {
  const cause = error.cause as { code?: unknown } | undefined
  const code = typeof cause === 'object' && cause !== null ? cause.code : undefined
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return 'free some space (vimax cache prune --max-size …) or point --cache-dir at another disk'
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'point --cache-dir at a writable folder'
  // Another file-system error (ENOENT: a source that vanished) has no fix on the cache's side;
  // a store that is not a folder (a bucket) names its own.
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? undefined : error.hint
}

/** A hit's `savedUsd`: the price the stored result was paid at, when one was known. */
export function saved(costUsd: number | undefined): { savedUsd?: number } {
  return costUsd === undefined ? {} : { savedUsd: costUsd }
}
