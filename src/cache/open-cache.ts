import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FileMemo } from '../media/file-memo.js'
import { createBlobStore, type BlobStore } from './blob-store.js'
import { cachePaths } from './cache-dir.js'
import { createMediaMemo } from './media-memo.js'
import { createCacheLayer, type CacheLayer } from './cache-layer.js'
import { createMemoryRecordStore, type RecordStore } from './record-store.js'
import { openLeaseStore } from './open-lease-store.js'
import { openRecordStore } from './open-record-store.js'
import type { RecordBackend } from './record-backend.js'

export interface OpenCacheOptions {
  readonly cacheDir: string
  readonly warn: (message: string) => void
  /** False for `--no-cache`. @default true */
  readonly read?: boolean
  readonly now?: () => number
  /** Where derived media are made before they move into the cache: the run's scratch folder. */
  readonly scratchDir?: string
  /** Where records live and their lifetimes (`resolveRecordBackend`); default the folder's SQLite file, no TTL. */
  readonly backend?: RecordBackend
  /** Where media bytes go (an S3 bucket from `openBlobStore`); default the cache folder's blobs. Closed with the cache. */
  readonly blobs?: BlobStore
  /**
   * How long a call lease lasts unrenewed: how long a killed run can hold up another. Internal, for
   * tests; default `VIMAX_LEASE_TTL_MS` when set, else 30 s.
   */
  readonly leaseTtlMs?: number
}

export interface OpenCache {
  readonly layer: CacheLayer
  /** Normalised clips and joined films; absent when the cache could not be opened. */
  readonly memo: FileMemo | undefined
  readonly records: RecordStore
  readonly blobs: BlobStore
  close(): Promise<void>
}

/** The cache of one folder, ready to hand to `generate({ layer })`; never throws (it degrades to uncached). */
export async function openCache(options: OpenCacheOptions): Promise<OpenCache> {
  const paths = cachePaths(options.cacheDir)
  const records = await openRecordStore(options.backend, { file: paths.records, warn: options.warn, ...(options.now && { now: options.now }) })
  const blobs = options.blobs ?? createBlobStore(options.cacheDir)
  const leases = records.backend === 'disabled' || options.read === false ? undefined : await openLeaseStore(options.backend, { file: paths.leases, recordsBackend: records.backend, warn: options.warn })
  const leaseTtlMs = options.leaseTtlMs ?? leaseTtlFromEnv()
  // The store already warned; a disabled cache passes calls straight through rather than warn
  // again for every blob it could not write either.
  const layer =
    records.backend === 'disabled'
      ? passThrough
      : createCacheLayer({
          records,
          blobs,
          warn: options.warn,
          ...(options.read === undefined ? {} : { read: options.read }),
          ...(options.now && { now: options.now }),
          ...(leases && { leases }),
          ...(leaseTtlMs !== undefined && { leaseTtlMs }),
        })
  const memo =
    records.backend === 'disabled'
      ? undefined
      : createMediaMemo({ records, blobs, tmpDir: options.scratchDir ?? path.join(os.tmpdir(), 'vimax-derived'), read: options.read ?? true, warn: options.warn, ...(options.now && { now: options.now }) })
  return { layer, memo, records, blobs, close: async () => void (await Promise.all([records.close(), blobs.close?.(), leases?.close()])) }
}

/** A test's short lease (a killed holder then blocks the other run briefly); anything unreadable is ignored. */
function leaseTtlFromEnv(): number | undefined {
  const ms = Number(process.env.VIMAX_LEASE_TTL_MS)
  return Number.isFinite(ms) && ms >= 100 ? ms : undefined
}

const passThrough: CacheLayer = { chat: (model) => model, image: (model) => model, video: (model) => model, evict: async () => undefined }

export interface CacheStores {
  readonly records: RecordStore
  readonly blobs: BlobStore
  /** False when the folder does not exist yet (nothing was created for a read-only command). */
  readonly exists: boolean
  close(): Promise<void>
}

/** The stores of a cache folder, for the maintenance commands; a missing folder reads as empty and is not created. */
export async function openCacheStores(options: { readonly cacheDir: string; readonly warn: (message: string) => void; readonly backend?: RecordBackend }): Promise<CacheStores> {
  const paths = cachePaths(options.cacheDir)
  const blobs = createBlobStore(options.cacheDir)
  // A maintenance command on a shared store must not report an unreachable one as empty: exit 2.
  if (options.backend?.redis) {
    const records = await openRecordStore(options.backend, { file: paths.records, warn: options.warn, required: true })
    return { records, blobs, exists: true, close: () => records.close() }
  }
  if (!existsSync(paths.dir)) return { records: createMemoryRecordStore(), blobs, exists: false, close: async () => undefined }
  const records = await openRecordStore(options.backend, { file: paths.records, warn: options.warn })
  return { records, blobs, exists: true, close: () => records.close() }
}
