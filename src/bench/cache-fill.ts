import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { extensionFor as extensionOf } from '../media/media-type.js'
import { cachePaths } from '../cache/cache-dir.js'
import { cacheKey } from '../cache/cache-key.js'
import type { BlobRef, CacheNamespace, CacheRecord } from '../cache/cache-records.js'
import { encodeRecordValue, openSqliteRecordStore, RECORD_TABLE } from '../cache/sqlite-record-store.js'

export interface FillOptions {
  readonly records: number
  /** Distinct small media files the image and video records share. */
  readonly blobs: number
  readonly blobBytes: number
  readonly now: number
  /** @default true */
  readonly keepKeys?: boolean
}

export interface FilledCache {
  /** Empty with `keepKeys: false` (a million keys are not worth holding for a benchmark that does not look them up). */
  readonly chatKeys: readonly string[]
  /** The `benchChatRequest` index behind each chat key, in the same order. */
  readonly chatIndices: readonly number[]
  readonly totalRecords: number
}

/** The chat request behind the i-th filled record, so a benchmark can ask for it through the layer. */
export function benchChatRequest(i: number) {
  return { messages: [{ role: 'user' as const, content: `bench prompt ${i}: describe shot ${i % 97} of scene ${i % 13}` }], temperature: 0.7 }
}

export const BENCH_MODEL = { kind: 'chat', provider: 'bench', modelId: 'bench-chat' } as const

/**
 * A realistic cache, fast: 70% chat answers, 25% images, 5% clips, a few in-flight jobs, with
 * small shared blobs. Rows go in through one better-sqlite3 transaction in Keyv's own format (a
 * Keyv `set` per row would take minutes); blobs are written straight to their final names.
 */
export async function fillCache(cacheDir: string, options: FillOptions): Promise<FilledCache> {
  const paths = cachePaths(cacheDir)
  const store = await openSqliteRecordStore({ file: paths.records, warn: () => undefined })
  await store.close() // creates the table and turns WAL on, exactly as a run would

  const refs: BlobRef[] = []
  for (let i = 0; i < options.blobs; i++) {
    const bytes = Buffer.alloc(options.blobBytes, i % 251)
    bytes.writeUInt32BE(i, 0)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const mediaType = i % 10 === 0 ? 'video/mp4' : 'image/png'
    const file = path.join(paths.blobs, sha256.slice(0, 2), `${sha256}.${extensionOf(mediaType)}`)
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, bytes)
    refs.push({ sha256, bytes: bytes.byteLength, mediaType })
  }

  const db = new Database(paths.records)
  // An upsert, as Keyv writes: the schema's triggers keep counts and blob references on it (a
  // REPLACE would delete without firing them).
  const insert = db.prepare(`INSERT INTO ${RECORD_TABLE} (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
  const chatKeys: string[] = []
  const chatIndices: number[] = []
  let media = 0
  const text = 'INT. LIGHTHOUSE - NIGHT. '.repeat(24)
  db.transaction(() => {
    for (let i = 0; i < options.records; i++) {
      const bucket = i % 20
      const namespace: CacheNamespace = refs.length === 0 || bucket < 14 ? 'chat' : bucket < 19 ? 'image' : i % 200 === 199 ? 'job' : 'video'
      // Media records take the blobs in turn, a few records per blob (retakes, shared portraits).
      const ref = namespace === 'chat' ? undefined : refs[media++ % refs.length]
      // Spread over 90 days so age and LRU both have something to choose from.
      const lastUsedAt = options.now - ((i * 7919) % 90) * 86_400_000
      const meta = { provider: 'bench', model: 'bench-model', createdAt: lastUsedAt, lastUsedAt, hits: i % 3, costUsd: 0.01 }
      let key: string
      let record: CacheRecord
      if (namespace === 'chat' || ref === undefined) {
        key = cacheKey({ ...BENCH_MODEL, request: benchChatRequest(i) })
        if (options.keepKeys !== false) {
          chatKeys.push(key)
          chatIndices.push(i)
        }
        record = { ...meta, kind: 'chat', bytes: text.length, text }
      } else {
        key = `v1:${createHash('sha256').update(`record ${i}`).digest('hex')}`
        if (namespace === 'image') record = { ...meta, kind: 'image', bytes: ref.bytes, blobs: [ref] }
        else if (namespace === 'video') record = { ...meta, kind: 'video', bytes: ref.bytes, blob: ref }
        else record = { ...meta, kind: 'video', bytes: 0, job: { id: `job-${i}`, state: { operation: `operations/${i}` } } }
      }
      insert.run(`${namespace}:${key}`, encodeRecordValue(record))
    }
  })()
  db.close()
  return { chatKeys, chatIndices, totalRecords: options.records }
}
