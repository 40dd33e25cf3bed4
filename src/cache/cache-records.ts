import type { AlignmentUnit, JsonValue, ModelKind } from '../providers/types.js'

/**
 * Where records live: one namespace per result kind, `job` for jobs still in flight (video, and
 * queued images), and
 * `media` for files vimax derives itself (normalised clips, joined films) — free to remake but
 * worth keeping, so a warm rerun does no ffmpeg work either.
 */
export type CacheNamespace = 'chat' | 'image' | 'video' | 'speech' | 'music' | 'job' | 'media'
export const CACHE_NAMESPACES: readonly CacheNamespace[] = ['chat', 'image', 'video', 'speech', 'music', 'job', 'media']

/** A file in the blob store, named by the digest of its bytes. */
export interface BlobRef {
  readonly sha256: string
  readonly bytes: number
  readonly mediaType: string
}

/** What every record says about itself; `prune` and `stats` read only this. */
export interface RecordMeta {
  readonly kind: ModelKind | 'media'
  readonly provider: string
  readonly model: string
  readonly createdAt: number
  /** Updated on every hit, best effort; `prune --max-size` drops the least recently used first. */
  readonly lastUsedAt: number
  readonly hits: number
  /** Size of the result: text length, or the bytes of the blobs it points at. */
  readonly bytes: number
  /** What the call cost when it was paid for; a hit reports no cost, the ledger counts it as saved. */
  readonly costUsd?: number
}

/** A provider's job handle as started; nothing of ours (queuedMs, cached, cacheKey) is kept. */
export interface StoredJob {
  readonly id: string
  readonly state?: JsonValue
  readonly requestId?: string
}

/** Only what the provider needs to poll a job again; the lane's and our own fields stay out. */
export function toStoredJob(job: StoredJob): StoredJob {
  return { id: job.id, ...(job.state === undefined ? {} : { state: job.state }), ...(job.requestId === undefined ? {} : { requestId: job.requestId }) }
}

export type ChatRecord = RecordMeta & { readonly text: string }
export type ImageRecord = RecordMeta & { readonly blobs: readonly BlobRef[] }
export type VideoRecord = RecordMeta & { readonly blob: BlobRef }
export type JobRecord = RecordMeta & { readonly job: StoredJob }
/** A spoken line or a music bed, with what timing needs so a hit never probes the file. */
export type AudioRecord = RecordMeta & {
  readonly blob: BlobRef
  readonly durationS?: number
  readonly alignment?: readonly AlignmentUnit[]
  readonly characters?: number
}
export type CacheRecord = ChatRecord | ImageRecord | VideoRecord | AudioRecord | JobRecord

/** Every blob a record points at, whatever its kind. */
export function recordBlobs(record: CacheRecord): readonly BlobRef[] {
  if ('blobs' in record && Array.isArray(record.blobs)) return record.blobs
  if ('blob' in record && record.blob !== undefined) return [record.blob]
  return []
}

/** Records come back from disk: anything not shaped like one is treated as absent. */
export function isCacheRecord(value: unknown): value is CacheRecord {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  if (typeof record.createdAt !== 'number' || typeof record.lastUsedAt !== 'number') return false
  const isRef = (ref: unknown) =>
    typeof ref === 'object' && ref !== null && typeof (ref as BlobRef).sha256 === 'string' && typeof (ref as BlobRef).bytes === 'number'
  return (
    typeof record.text === 'string' ||
    (Array.isArray(record.blobs) && record.blobs.every(isRef)) ||
    isRef(record.blob) ||
    (typeof record.job === 'object' && record.job !== null && typeof (record.job as StoredJob).id === 'string')
  )
}
