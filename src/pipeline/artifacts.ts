import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { copyFile, link, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Media } from '../providers/types.js'

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
export function createArtifactWriter(outDir: string): ArtifactWriter {
  const records = new Map<string, ArtifactRecord>()
  const place = async (relative: string, write: (temp: string) => Promise<void>, meta: ArtifactMeta) => {
    const target = path.join(outDir, relative)
    await mkdir(path.dirname(target), { recursive: true })
    const temp = `${target}.${process.pid}.tmp`
    await write(temp)
    await rename(temp, target)
    const record: ArtifactRecord = { ...meta, path: relative.split(path.sep).join('/'), ...(await digestFile(target)) }
    records.set(record.path, record)
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

export async function digestFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return { sha256: hash.digest('hex'), bytes: (await stat(file)).size }
}

export function extensionFor(mediaType: string): string {
  const known: Record<string, string> = {
    'image/png': 'png',
    'image/jpeg': 'jpg',
    'image/webp': 'webp',
    'image/gif': 'gif',
    'video/mp4': 'mp4',
    'video/quicktime': 'mov',
    'video/webm': 'webm',
  }
  return known[mediaType] ?? 'bin'
}
