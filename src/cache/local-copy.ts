import { utimes } from 'node:fs/promises'
import type { BlobStore } from './blob-store.js'

/** The on-disk read-through copy of a remote blob store, kept under a size by least recent use. */
export interface LocalCopy {
  /** A blob was read: it becomes the most recently used. */
  touch(file: string): Promise<void>
  /** A blob of `bytes` was placed at `file`; older ones go while the copy is over its limit. */
  added(file: string, bytes: number): Promise<void>
}

/**
 * Least recently used by mtime, which every read touches, so no index of its own can drift from
 * the folder. The folder is listed only when the running total says the limit may be passed,
 * and trimmed to 90% of it so the next few blobs do not list it again. A blob this process read or
 * wrote is never dropped by it: the run hands out those paths, and a copy smaller than one run's
 * media must cost disk, not a missing file.
 */
export function createLocalCopy(local: BlobStore, limitBytes: number): LocalCopy {
  let total: number | undefined
  const inUse = new Set<string>()
  async function trim(): Promise<void> {
    const entries = await local.list()
    total = entries.reduce((sum, entry) => sum + entry.bytes, 0)
    if (total <= limitBytes) return
    const target = limitBytes * 0.9
    for (const entry of entries.sort((a, b) => a.mtime - b.mtime)) {
      if (total <= target) break
      if (inUse.has(entry.path)) continue
      await local.remove(entry.path)
      total -= entry.bytes
    }
  }
  return {
    async touch(file) {
      inUse.add(file)
      const now = new Date()
      await utimes(file, now, now).catch(() => undefined) // best effort: a read-only copy still serves
    },
    async added(file, bytes) {
      inUse.add(file)
      if (total !== undefined && total + bytes <= limitBytes) total += bytes
      else await trim()
    },
  }
}
