import { randomBytes } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { FileMemo, MemoFile } from '../media/file-memo.js'
import type { BlobStore } from './blob-store.js'
import { extensionFor } from '../media/media-type.js'
import { digestFile } from '../util/digest-file.js'
import { CacheWriteError } from './cache-errors.js'
import { writeFailureAdvice } from './layer-context.js'
import type { RecordStore } from './record-store.js'

export interface MediaMemoOptions {
  readonly records: RecordStore
  readonly blobs: BlobStore
  /**
   * Where files are made before they move into the blob store. Not the cache's own folder: a full
   * or read-only cache must cost only the caching, never the film.
   */
  readonly tmpDir: string
  /** False for `--no-cache`: remake, but still store. */
  readonly read: boolean
  readonly warn: (message: string) => void
  readonly now?: () => number
}

/**
 * Derived media in the cache's `media` namespace, blobs like any other result: a hit is verified
 * (size and digest) before it is used, and a file that cannot be stored is still returned.
 */
export function createMediaMemo(options: MediaMemoOptions): FileMemo {
  const { records, blobs } = options
  const now = options.now ?? Date.now
  let warned = false
  // Identical shots ask for the same file at once: one make, every caller waiting on it.
  const making = new Map<string, Promise<MemoFile>>()
  const file: FileMemo['file'] = async (key, mediaType, make) => {
    if (options.read) {
      const hit = await records.get('media', key)
      if (hit !== undefined && 'blob' in hit && (await blobs.verify(hit.blob))) {
        await records.set('media', key, { ...hit, lastUsedAt: now(), hits: hit.hits + 1 })
        return { path: blobs.path(hit.blob), sha256: hit.blob.sha256 }
      }
    }
    await mkdir(options.tmpDir, { recursive: true })
    const out = path.join(options.tmpDir, `derived-${randomBytes(6).toString('hex')}.${extensionFor(mediaType)}`)
    await make(out)
    try {
      const ref = await blobs.put({ kind: 'file', path: out, mediaType })
      const at = now()
      await records.set('media', key, { kind: 'media', provider: 'vimax', model: 'editor', createdAt: at, lastUsedAt: at, hits: 0, bytes: ref.bytes, blob: ref })
      return { path: blobs.path(ref), sha256: ref.sha256 }
    } catch (error) {
      if (!(error instanceof CacheWriteError)) throw error
      const advice = writeFailureAdvice(error)
      if (!warned) options.warn(`${error.message}; edited media are not cached this run${advice === undefined ? '' : ` (${advice})`}`)
      warned = true
      return { path: out, ...(await digestFile(out)) }
    }
  }
  return {
    file(key, mediaType, make) {
      const running = making.get(key)
      if (running !== undefined) return running
      const made = file(key, mediaType, make).finally(() => making.delete(key))
      making.set(key, made)
      return made
    },
  }
}
