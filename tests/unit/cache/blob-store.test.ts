import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createBlobStore } from '../../../src/cache/blob-store.js'
import { CacheWriteError } from '../../../src/cache/cache-errors.js'
import { sha256 } from '../../../src/util/digest.js'
import { pngBytes } from './scripted-models.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0
const cacheDir = () => path.join(root, `cache-${++n}`)

describe('blob store', () => {
  it('names a blob by its digest under a two-letter shard, with an extension from its media type', async () => {
    const blobs = createBlobStore(cacheDir())
    const bytes = pngBytes('hello')
    const ref = await blobs.put({ kind: 'bytes', bytes, mediaType: 'image/png' })
    expect(ref).toEqual({ sha256: sha256(bytes), bytes: bytes.length, mediaType: 'image/png' })
    expect(blobs.path(ref)).toBe(path.join(blobs.dir, ref.sha256.slice(0, 2), `${ref.sha256}.png`))
    expect(readFileSync(blobs.path(ref))).toEqual(bytes)
    expect(await blobs.verify(ref)).toBe(true)
    expect(await blobs.list()).toEqual([expect.objectContaining({ sha256: ref.sha256, bytes: bytes.length, path: blobs.path(ref) })])
  })

  it('moves a file in and leaves no temp file behind', async () => {
    const dir = cacheDir()
    const blobs = createBlobStore(dir)
    const source = path.join(root, `source-${n}.mp4`)
    writeFileSync(source, 'clip bytes')
    const ref = await blobs.put({ kind: 'file', path: source, mediaType: 'video/mp4' })
    expect(existsSync(source)).toBe(false)
    expect(readFileSync(blobs.path(ref), 'utf8')).toBe('clip bytes')
    expect(readdirSync(path.join(dir, 'tmp'))).toEqual([])
    expect(await blobs.listTemps()).toEqual([])
  })

  it('verify catches a wrong size, a wrong digest and a missing file, and never throws', async () => {
    const blobs = createBlobStore(cacheDir())
    const ref = await blobs.put({ kind: 'bytes', bytes: Buffer.from('abcdef'), mediaType: 'image/png' })
    writeFileSync(blobs.path(ref), 'abcdeX')
    expect(await blobs.verify(ref)).toBe(false)
    writeFileSync(blobs.path(ref), 'abc')
    expect(await blobs.verify(ref)).toBe(false)
    await blobs.remove(blobs.path(ref))
    expect(await blobs.verify(ref)).toBe(false)
  })

  it('a write that cannot happen is a CacheWriteError, and a moved file goes back where it was', async () => {
    const dir = cacheDir()
    mkdirSync(dir)
    writeFileSync(path.join(dir, 'blobs'), 'a file where the blob folder should be')
    const blobs = createBlobStore(dir)
    const source = path.join(root, `keep-${n}.png`)
    writeFileSync(source, 'frame')
    const error = await blobs.put({ kind: 'file', path: source, mediaType: 'image/png' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CacheWriteError)
    expect((error as CacheWriteError).code).toBe('E_CACHE_WRITE')
    expect(readFileSync(source, 'utf8')).toBe('frame')
    expect(readdirSync(path.join(dir, 'tmp'))).toEqual([])
  })

  it('lists temp files left by a crash, for prune to sweep', async () => {
    const dir = cacheDir()
    mkdirSync(path.join(dir, 'tmp'), { recursive: true })
    writeFileSync(path.join(dir, 'tmp', '123-abc.part'), 'half')
    expect(await createBlobStore(dir).listTemps()).toEqual([expect.objectContaining({ bytes: 4 })])
  })
})
