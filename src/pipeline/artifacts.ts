import { copyFile, link, mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Media } from '../providers/types.js'
import { digestFile } from '../util/digest-file.js'

export interface ArtifactMeta {
  readonly kind: 'script' | 'storyboard' | 'portrait' | 'frame' | 'clip' | 'film' | 'subtitles'
  readonly subject: string
  /** `provider:model` that made it; absent for files vimax writes itself. */
  readonly model?: string
  readonly cached?: boolean
  readonly latencyMs?: number
  readonly cacheKey?: string
}

export interface ArtifactRecord extends ArtifactMeta {
  /** Relative to the output folder, with forward slashes. */
  readonly path: string
  readonly sha256: string
  readonly bytes: number
}

export interface ArtifactWriter {
  readonly outDir: string
  writeMedia(relative: string, media: Media, meta: ArtifactMeta): Promise<ArtifactRecord>
  writeText(relative: string, text: string, meta: ArtifactMeta): Promise<ArtifactRecord>
  /** Every artifact written so far, in the order written. */
  list(): readonly ArtifactRecord[]
}

/**
 * Writes into the output folder atomically (temp name, then rename) and keeps a record of each
 * file for the manifest. Media files are hard links where possible: the source (a cache blob)
 * stays the real copy.
 */
export function createArtifactWriter(outDir: string, onWrite?: (record: ArtifactRecord) => void): ArtifactWriter {
  const records = new Map<string, ArtifactRecord>()
  const place = async (relative: string, write: (temp: string) => Promise<void>, meta: ArtifactMeta) => {
    const target = path.join(outDir, relative)
    await mkdir(path.dirname(target), { recursive: true })
    const temp = `${target}.${process.pid}.tmp`
    await write(temp)
    await rename(temp, target)
    const record: ArtifactRecord = { ...meta, path: relative.split(path.sep).join('/'), ...(await digestFile(target)) }
    records.set(record.path, record)
    onWrite?.(record)
    return record
  }
  return {
    outDir,
    writeMedia: (relative, media, meta) =>
      place(
        relative,
        async (temp) => {
          await rm(temp, { force: true })
          if (media.kind === 'bytes') await writeFile(temp, media.bytes)
          else await link(media.path, temp).catch(() => copyFile(media.path, temp))
        },
        meta,
      ),
    writeText: (relative, text, meta) => place(relative, (temp) => writeFile(temp, text), meta),
    list: () => [...records.values()],
  }
}
