import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBlobStore } from '../../../src/cache/blob-store.js'
import { CacheWriteError } from '../../../src/cache/cache-errors.js'
import { createS3Client } from '../../../src/cache/s3-client.js'
import { createS3BlobStore } from '../../../src/cache/s3-blob-store.js'
import { blobKey, parseS3Url } from '../../../src/cache/s3-location.js'
import { sha256 } from '../../../src/util/digest.js'
import { startS3Server, type S3TestServer } from '../../support/s3-server.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
let s3: S3TestServer
let n = 0
const cacheDir = () => path.join(root, `cache-${++n}`)
const location = parseS3Url('s3://vimax-unit/blobs/v1')
beforeAll(async () => {
  s3 = await startS3Server(['vimax-unit'])
})
afterAll(async () => {
  await s3?.close()
  rmSync(root, { recursive: true, force: true })
})

function store(dir: string, options: { localCopyBytes?: number; endpoint?: string; warnings?: string[] } = {}) {
  const client = createS3Client({ endpoint: options.endpoint ?? s3.endpoint, force_path_style: true }, s3.env())
  return createS3BlobStore({ cacheDir: dir, client, location, localCopyBytes: options.localCopyBytes ?? 1 << 30, warn: (m) => options.warnings?.push(m) })
}
const bytesOf = (text: string, size = 2048) => Buffer.alloc(size, text)

describe('S3 blob store', () => {
  it('uploads under <prefix>/<sha256[0:2]>/<sha256> with its sha256 checksum before put returns', async () => {
    const blobs = store(cacheDir())
    const bytes = bytesOf('a')
    const ref = await blobs.put({ kind: 'bytes', bytes, mediaType: 'image/png' })
    expect(ref.sha256).toBe(sha256(bytes))
    expect(blobKey(location, ref.sha256)).toBe(`blobs/v1/${ref.sha256.slice(0, 2)}/${ref.sha256}`)
    const put = s3.requests.filter((line) => line.startsWith(`PUT /vimax-unit/${blobKey(location, ref.sha256)}`))
    expect(put).toHaveLength(1)
    expect(s3.checksums.get(`/vimax-unit/${blobKey(location, ref.sha256)}`)).toBe(Buffer.from(ref.sha256, 'hex').toString('base64'))
    // The same bytes again, from another machine: a HEAD finds them, nothing is sent twice.
    const before = s3.requests.length
    await store(cacheDir()).put({ kind: 'bytes', bytes, mediaType: 'image/png' })
    expect(s3.requests.slice(before).map((line) => line.split(' ')[0])).toEqual(['HEAD'])
    await blobs.close?.()
  })

  it('a fresh cache folder reads a blob through: downloaded once, then served from disk', async () => {
    const ref = await store(cacheDir()).put({ kind: 'bytes', bytes: bytesOf('b'), mediaType: 'video/mp4' })
    const reader = store(cacheDir())
    expect(existsSync(reader.path(ref))).toBe(false)
    expect(await reader.verify(ref)).toBe(true)
    expect(readFileSync(reader.path(ref))).toEqual(bytesOf('b'))
    const before = s3.requests.length
    expect(await reader.verify(ref)).toBe(true)
    expect(s3.requests.length).toBe(before)
  })

  it('an object whose bytes do not match its digest is a miss, and the next put replaces it', async () => {
    const ref = await store(cacheDir()).put({ kind: 'bytes', bytes: bytesOf('c'), mediaType: 'image/png' })
    const client = createS3Client({ endpoint: s3.endpoint, force_path_style: true }, s3.env())
    await client.send(new PutObjectCommand({ Bucket: location.bucket, Key: blobKey(location, ref.sha256), Body: bytesOf('X') }))
    const dir = cacheDir()
    const reader = store(dir)
    expect(await reader.verify(ref)).toBe(false)
    expect(existsSync(reader.path(ref))).toBe(false)
    await reader.put({ kind: 'bytes', bytes: bytesOf('c'), mediaType: 'image/png' })
    expect(await store(cacheDir()).verify(ref)).toBe(true)
    client.destroy()
  })

  it('a missing object is a miss without a warning; a store out of reach is a miss with one', async () => {
    const warnings: string[] = []
    const ref = { sha256: sha256(bytesOf('never stored')), bytes: 2048, mediaType: 'image/png' }
    expect(await store(cacheDir(), { warnings }).verify(ref)).toBe(false)
    expect(warnings).toEqual([])
    const away = store(cacheDir(), { warnings, endpoint: 'http://127.0.0.1:9' })
    expect(await away.verify(ref)).toBe(false)
    expect(await away.verify({ ...ref, sha256: sha256(bytesOf('other')) })).toBe(false)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/cannot read blobs from s3:\/\/vimax-unit\/blobs\/v1/)
  })

  it('an upload that fails throws CacheWriteError and leaves the file where the provider put it', async () => {
    const source = path.join(root, 'clip.mp4')
    writeFileSync(source, bytesOf('d'))
    const away = store(cacheDir(), { endpoint: 'http://127.0.0.1:9' })
    await expect(away.put({ kind: 'file', path: source, mediaType: 'video/mp4' })).rejects.toBeInstanceOf(CacheWriteError)
    expect(readFileSync(source)).toEqual(bytesOf('d'))
  })

  it('keeps the local copy under its limit, dropping the least recently read blobs first, never one the run is using', async () => {
    const writer = store(cacheDir())
    const refs = []
    for (const text of ['e', 'f', 'g']) refs.push(await writer.put({ kind: 'bytes', bytes: bytesOf(text), mediaType: 'image/png' }))
    const [e, f, g] = refs as [(typeof refs)[0], (typeof refs)[0], (typeof refs)[0]]
    const dir = cacheDir()
    const local = createBlobStore(dir)
    const held = async () => (await local.list()).map((entry) => entry.sha256).sort()
    // One run reads more than the limit: what it hands out stays on disk.
    const first = store(dir, { localCopyBytes: 3000 })
    for (const ref of [e, f]) expect(await first.verify(ref)).toBe(true)
    expect(await held()).toEqual([e.sha256, f.sha256].sort())
    await new Promise((resolve) => setTimeout(resolve, 20)) // mtimes must differ for "least recent" to mean something
    // The next run reads e (now the most recent), then g: f, read least recently, goes.
    const next = store(dir, { localCopyBytes: 5000 })
    expect(await next.verify(e)).toBe(true)
    expect(await next.verify(g)).toBe(true)
    expect(await held()).toEqual([e.sha256, g.sha256].sort())
    // What left the copy is still in the bucket.
    expect(await next.verify(f)).toBe(true)
  })
})

describe('s3:// locations', () => {
  it('parse bucket and prefix, and name cache.blobs when malformed', () => {
    expect(parseS3Url('s3://my-bucket/team/vimax/')).toEqual({ bucket: 'my-bucket', prefix: 'team/vimax' })
    expect(parseS3Url('s3://my-bucket')).toEqual({ bucket: 'my-bucket', prefix: '' })
    for (const bad of ['s3:/my-bucket', 's3://My_Bucket/x', 's3://ab', 'https://my-bucket/x', 's3://']) {
      expect(() => parseS3Url(bad), bad).toThrow(expect.objectContaining({ code: 'E_CACHE_S3_URL', message: expect.stringContaining('cache.blobs') }))
    }
  })
})
