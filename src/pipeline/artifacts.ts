import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Media } from '../providers/types.js'
import { digestFile } from '../util/digest-file.js'

export interface ArtifactMeta {
  readonly kind: 'script' | 'storyboard' | 'portrait' | 'frame' | 'clip' | 'film' | 'subtitles' | 'line' | 'stem'
  readonly subject: string
  /** `provider:model` that made it; absent for files vimax writes itself. */
  readonly model?: string
  /** Why the models a profile lists before `model` did not make it (a fallback chain moved the call). */
  readonly fallback?: string
  readonly cached?: boolean
  readonly latencyMs?: number
  readonly cacheKey?: string
  /** A clip's reference images (reference-to-video), by label ("Mara, front view"), in the order sent. */
  readonly references?: readonly string[]
}

export interface ArtifactRecord extends ArtifactMeta {
  /** Relative to the output folder, with forward slashes. */
  readonly path: string
  readonly sha256: string
  readonly bytes: number
}

export interface ArtifactWriter {
  readonly outDir: string
  /**
   * `known`: the source file's digest when the caller has just verified it (a cache blob), so the
   * copy is not read back to digest it again.
   */
  writeMedia(relative: string, media: Media, meta: ArtifactMeta, known?: { readonly sha256: string; readonly bytes: number }): Promise<ArtifactRecord>
  writeText(relative: string, text: string, meta: ArtifactMeta): Promise<ArtifactRecord>
  /** Every artifact written so far, in the order written. */
  list(): readonly ArtifactRecord[]
}

/**
 * Writes into the output folder atomically (a unique temp name, then rename; the temp is removed
 * if anything fails) and keeps a record of each file for the manifest. Media are independent
 * files — a copy-on-write clone where the filesystem can, else a copy — never hard links to the
 * cache's blobs: a person editing one output must not change other runs' outputs or the cache.
 */
export function createArtifactWriter(outDir: string, onWrite?: (record: ArtifactRecord) => void): ArtifactWriter {
  const records = new Map<string, ArtifactRecord>()
  const place = async (relative: string, write: (temp: string) => Promise<void>, meta: ArtifactMeta, known?: { readonly sha256: string; readonly bytes: number }) => {
    const target = path.join(outDir, relative)
    await mkdir(path.dirname(target), { recursive: true })
    // Unique per write: two writers of one name (a rerun beside a live run) never share a temp.
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`)
    try {
      await write(temp)
      await rename(temp, target)
    } finally {
      await rm(temp, { force: true })
    }
    const digest = known ? { sha256: known.sha256, bytes: known.bytes } : await digestFile(target)
    const record: ArtifactRecord = { ...meta, path: relative.split(path.sep).join('/'), ...digest }
    records.set(record.path, record)
    onWrite?.(record)
    return record
  }
  return {
    outDir,
    writeMedia: (relative, media, meta, known) =>
      place(
        relative,
        (temp) => (media.kind === 'bytes' ? writeFile(temp, media.bytes) : copyFile(media.path, temp, constants.COPYFILE_FICLONE)),
        meta,
        known,
      ),
    writeText: (relative, text, meta) => place(relative, (temp) => writeFile(temp, text), meta),
    list: () => [...records.values()],
  }
}
