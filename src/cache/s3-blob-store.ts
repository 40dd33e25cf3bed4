import { createHash, randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import type { Media } from '../providers/types.js'
import { createBlobStore, type BlobStore } from './blob-store.js'
import { CacheWriteError } from './cache-errors.js'
import type { BlobRef } from './cache-records.js'
import { createLocalCopy } from './local-copy.js'
import { classifyS3Error, s3Reason } from './s3-client.js'
import { blobKey, describeS3, type S3Location } from './s3-location.js'

export interface S3BlobStoreOptions {
  readonly cacheDir: string
  readonly client: S3Client
  readonly location: S3Location
  /** The most bytes the local read-through copy keeps. */
  readonly localCopyBytes: number
  /** One line per kind of trouble (the bucket out of reach); never a key or secret. */
  readonly warn: (message: string) => void
}

/**
 * Blobs in an S3 bucket, with the cache folder's blob store as a bounded read-through copy.
 * `put` returns only once the object is in the bucket whole, with its sha256 checked by the store
 * on arrival, so the record a caller writes next never points at something another machine cannot
 * read. `verify` serves the local copy, else downloads the object, checks its digest and keeps
 * it; a damaged object is a miss and is uploaded again when the result is made again.
 */
export function createS3BlobStore(options: S3BlobStoreOptions): BlobStore {
  const local = createBlobStore(options.cacheDir)
  const copy = createLocalCopy(local, options.localCopyBytes)
  const { client, location } = options
  const tmpDir = path.join(options.cacheDir, 'tmp')
  const where = describeS3(location)
  /** Digests known to be in the bucket intact (uploaded or downloaded by this process). */
  const present = new Set<string>()
  /** Digests whose object failed its check: the next put overwrites rather than trusts a HEAD. */
  const damaged = new Set<string>()
  const warned = new Set<string>()
  const fetching = new Map<string, Promise<boolean>>()
  const warnOnce = (topic: string, message: string) => {
    if (warned.has(topic)) return
    warned.add(topic)
    options.warn(message)
  }

  async function upload(bytes: Uint8Array, sha256: string, mediaType: string): Promise<void> {
    if (present.has(sha256)) return
    const Key = blobKey(location, sha256)
    const checksum = Buffer.from(sha256, 'hex').toString('base64')
    const found = damaged.has(sha256) ? undefined : await existing(Key)
    // A store that kept the checksum it was sent (AWS, MinIO) vouches for the bytes; one that did not, by size.
    if (found && found.size === bytes.byteLength && (found.checksum === undefined || found.checksum === checksum)) {
      present.add(sha256)
      return
    }
    await client.send(
      new PutObjectCommand({
        Bucket: location.bucket,
        Key,
        Body: bytes,
        ContentLength: bytes.byteLength,
        ContentType: mediaType,
        ChecksumSHA256: checksum,
      }),
    )
    damaged.delete(sha256)
    present.add(sha256)
  }

  /** The object's size and stored checksum when it exists; HEAD first, so what another machine uploaded is not sent again. */
  async function existing(Key: string): Promise<{ size: number | undefined; checksum: string | undefined } | undefined> {
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: location.bucket, Key, ChecksumMode: 'ENABLED' }))
      return { size: head.ContentLength, checksum: head.ChecksumSHA256 }
    } catch (error) {
      if (classifyS3Error(error) === 'missing') return undefined
      throw error
    }
  }

  /** Downloads a blob into the local copy if the bucket holds it intact; false otherwise (never throws). */
  async function fetchBlob(ref: BlobRef): Promise<boolean> {
    const temp = path.join(tmpDir, `${process.pid}-${randomBytes(6).toString('hex')}.s3part`)
    try {
      const answer = await client.send(new GetObjectCommand({ Bucket: location.bucket, Key: blobKey(location, ref.sha256) }))
      await mkdir(tmpDir, { recursive: true })
      const hash = createHash('sha256')
      let size = 0
      const handle = await open(temp, 'w')
      try {
        for await (const chunk of answer.Body as Readable) {
          hash.update(chunk as Buffer)
          size += (chunk as Buffer).byteLength
          if (size > ref.bytes) break // already damaged: read no more of it
          await handle.write(chunk as Buffer)
        }
      } finally {
        await handle.close()
      }
      if (size !== ref.bytes || hash.digest('hex') !== ref.sha256) {
        // The cache layer warns that the result is made again; the object is replaced then.
        damaged.add(ref.sha256)
        return false
      }
      const placed = await local.put({ kind: 'file', path: temp, mediaType: ref.mediaType })
      present.add(ref.sha256)
      await copy.added(local.path(placed), placed.bytes)
      return true
    } catch (error) {
      const fault = classifyS3Error(error)
      if (fault !== 'missing') warnOnce(`read:${fault}`, `cache: cannot read blobs from ${where} (${s3Reason(error)}); results not in the local copy are made again`)
      return false
    } finally {
      await rm(temp, { force: true })
    }
  }

  async function bytesOf(media: Media): Promise<Uint8Array> {
    return media.kind === 'bytes' ? media.bytes : await readFile(media.path)
  }

  return {
    ...local,
    shared: true,
    async put(media) {
      let bytes: Uint8Array
      try {
        bytes = await bytesOf(media)
        const sha256 = createHash('sha256').update(bytes).digest('hex')
        // The bucket first: a local blob alone would let a record point at what the team cannot read.
        await upload(bytes, sha256, media.mediaType)
      } catch (error) {
        throw new CacheWriteError(`cache: could not store a ${media.mediaType} result in ${where}: ${s3Reason(error)}`, {
          code: 'E_CACHE_WRITE',
          hint: 'check that the bucket is reachable and the credentials may write to it (vimax doctor)',
          cause: error,
        })
      }
      const ref = await local.put(media)
      await copy.added(local.path(ref), ref.bytes)
      return ref
    },
    async close() {
      client.destroy()
    },
    async verify(ref) {
      const file = local.path(ref)
      if (await local.verify(ref)) {
        await copy.touch(file)
        return true
      }
      // Shots sharing a portrait ask at once: one download serves them all.
      const pending = fetching.get(ref.sha256) ?? fetchBlob(ref).finally(() => fetching.delete(ref.sha256))
      fetching.set(ref.sha256, pending)
      return await pending
    },
  }
}
