import { randomBytes } from 'node:crypto'
import { copyFile, mkdir, open, rename, rm, stat, unlink } from 'node:fs/promises'
import path from 'node:path'
import type { Media } from '../providers/types.js'
import { extensionFor } from '../media/media-type.js'
import { digestFile } from '../util/digest-file.js'
import { fsyncFile, readdirOrEmpty } from './blob-files.js'
import { bytesDigest } from './canonical-json.js'
import { CacheWriteError, describeFsError } from './cache-errors.js'
import type { BlobRef } from './cache-records.js'

export interface BlobEntry {
  readonly sha256: string
  readonly bytes: number
  readonly mtime: number
  readonly path: string
}

export interface TempEntry {
  readonly path: string
  readonly bytes: number
  readonly mtime: number
}

export interface BlobStore {
  readonly dir: string
  /** Stores media by the digest of its bytes; a file is moved in, not copied. Throws CacheWriteError. */
  put(media: Media): Promise<BlobRef>
  path(ref: BlobRef): string
  /** The file exists and its size and sha256 match the ref; never throws. */
  verify(ref: BlobRef): Promise<boolean>
  remove(file: string): Promise<void>
  list(): Promise<BlobEntry[]>
  listTemps(): Promise<TempEntry[]>
  /** Lets go of connections (a remote store); the folder's own store has nothing to close. */
  close?(): Promise<void>
  /**
   * True when the files here are only a local copy of shared storage (S3): a blob absent from
   * `list()` may still be safe elsewhere, so prune must not call its records dangling.
   */
  readonly shared?: boolean
}

/**
 * Content-addressed files: `<cacheDir>/blobs/ab/<sha256>.<ext>`. Every write goes through a temp
 * file in `<cacheDir>/tmp/` that is fsynced, then renamed into place, so a crash or a full disk
 * never leaves a half-written blob under a real name; a stray temp is swept by `cache prune`.
 * Identical outputs share one file for free.
 */
export function createBlobStore(cacheDir: string): BlobStore {
  const blobsDir = path.join(cacheDir, 'blobs')
  const tmpDir = path.join(cacheDir, 'tmp')
  const pathOf = (sha: string, mediaType: string) => path.join(blobsDir, sha.slice(0, 2), `${sha}.${extensionFor(mediaType)}`)
  const tempName = () => path.join(tmpDir, `${process.pid}-${randomBytes(6).toString('hex')}.part`)

  async function putBytes(bytes: Uint8Array, mediaType: string): Promise<BlobRef> {
    const sha256 = bytesDigest(bytes)
    const temp = tempName()
    await mkdir(tmpDir, { recursive: true })
    try {
      const handle = await open(temp, 'w')
      try {
        await handle.writeFile(bytes)
        await handle.sync()
      } finally {
        await handle.close()
      }
      await place(temp, pathOf(sha256, mediaType))
    } catch (error) {
      await rm(temp, { force: true }) // a half-written temp (ENOSPC) must not linger
      throw error
    }
    return { sha256, bytes: bytes.byteLength, mediaType }
  }

  async function putFile(source: string, mediaType: string): Promise<BlobRef> {
    const { sha256, bytes } = await digestFile(source)
    const target = pathOf(sha256, mediaType)
    if (path.resolve(source) === target) return { sha256, bytes, mediaType }
    const temp = tempName()
    await mkdir(tmpDir, { recursive: true })
    let moved = false
    try {
      await rename(source, temp)
      moved = true
    } catch (error) {
      // Another device (a tmpfs workDir): copy, and let the source go only once the blob is in place.
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
      await copyFile(source, temp).catch(async (copyError: unknown) => {
        await rm(temp, { force: true })
        throw copyError
      })
    }
    try {
      await fsyncFile(temp)
      await place(temp, target)
    } catch (error) {
      // The run must still get its media: put a moved file back where the provider left it.
      if (moved) await rename(temp, source).catch(() => undefined)
      else await rm(temp, { force: true })
      throw error
    }
    if (!moved) await unlink(source).catch(() => undefined)
    return { sha256, bytes, mediaType }
  }

  async function place(temp: string, target: string): Promise<void> {
    await mkdir(path.dirname(target), { recursive: true })
    await rename(temp, target)
  }

  return {
    dir: blobsDir,
    async put(media) {
      try {
        return media.kind === 'bytes' ? await putBytes(media.bytes, media.mediaType) : await putFile(media.path, media.mediaType)
      } catch (error) {
        throw new CacheWriteError(`cache: could not store a ${media.mediaType} result in ${cacheDir}: ${describeFsError(error)}`, {
          code: 'E_CACHE_WRITE',
          hint: 'free some space (vimax cache prune --max-size …) or point --cache-dir at a writable folder',
          cause: error,
        })
      }
    },
    path: (ref) => pathOf(ref.sha256, ref.mediaType),
    async verify(ref) {
      try {
        const file = pathOf(ref.sha256, ref.mediaType)
        if ((await stat(file)).size !== ref.bytes) return false
        return (await digestFile(file)).sha256 === ref.sha256
      } catch {
        return false
      }
    },
    remove: (file) => rm(file, { force: true }),
    async list() {
      // One shard at a time, its files stat'ed together: a 100,000-blob cache lists in well under a second.
      const entries: BlobEntry[] = []
      for (const shard of await readdirOrEmpty(blobsDir)) {
        const shardDir = path.join(blobsDir, shard)
        const found = await Promise.all(
          (await readdirOrEmpty(shardDir)).map(async (name) => {
            const sha256 = name.split('.')[0]!
            if (!/^[0-9a-f]{64}$/.test(sha256)) return undefined
            const file = path.join(shardDir, name)
            const info = await stat(file).catch(() => undefined)
            return info?.isFile() ? { sha256, bytes: info.size, mtime: info.mtimeMs, path: file } : undefined
          }),
        )
        for (const entry of found) if (entry !== undefined) entries.push(entry)
      }
      return entries
    },
    async listTemps() {
      const temps: TempEntry[] = []
      for (const name of await readdirOrEmpty(tmpDir)) {
        const file = path.join(tmpDir, name)
        const info = await stat(file).catch(() => undefined)
        if (info?.isFile()) temps.push({ path: file, bytes: info.size, mtime: info.mtimeMs })
      }
      return temps
    },
  }
}

