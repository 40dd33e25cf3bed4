import { CACHE_NAMESPACES, isCacheRecord, type BlobRef, type CacheNamespace, type RecordMeta } from './cache-records.js'
import type { StoredRecord, StoredRecordMeta } from './record-store.js'

/** Reading the Keyv table's rows back in bulk: `<namespace>:<key>` → `{ value: record }`. */

const NAMESPACES = new Set<string>(CACHE_NAMESPACES)
// A key range rather than LIKE: it walks the primary-key index, one namespace at a time.
export const RANGE = 'WHERE key >= ? AND key < ?'
export const range = (namespace: CacheNamespace | undefined) => (namespace === undefined ? ['', '\u{10FFFF}'] : [`${namespace}:`, `${namespace};`])

/**
 * The meta fields and blob references of a record, read by SQLite in one parse of the row and
 * returned as one small JSON array: no payload is copied out, re-serialised or parsed in JS.
 */
export const META_FIELDS = `json_extract(value, ${['kind', 'provider', 'model', 'createdAt', 'lastUsedAt', 'hits', 'bytes', 'costUsd', 'blob', 'blobs'].map((f) => `'$.value.${f}'`).join(', ')})`

export interface Row {
  readonly key: string
  readonly value: string
  readonly size: number
}

function split(stored: string): { namespace: CacheNamespace; key: string } | undefined {
  const at = stored.indexOf(':')
  const namespace = stored.slice(0, at)
  return at < 0 || !NAMESPACES.has(namespace) ? undefined : { namespace: namespace as CacheNamespace, key: stored.slice(at + 1) }
}

function unwrap(value: string): unknown {
  try {
    return (JSON.parse(value) as { value?: unknown }).value
  } catch {
    return undefined // one unreadable row must not hide the rest from prune
  }
}

export function parseRow(row: Row): StoredRecord[] {
  const address = split(row.key)
  const record = unwrap(row.value)
  return address !== undefined && isCacheRecord(record) ? [{ ...address, record, size: row.size }] : []
}

const isRef = (ref: unknown): ref is BlobRef =>
  typeof ref === 'object' && ref !== null && typeof (ref as BlobRef).sha256 === 'string' && typeof (ref as BlobRef).bytes === 'number'

/** A row of `key, META_FIELDS AS value, size` → the record's meta; see `parseMetaRecord`. */
export function parseMetaFieldsRow(row: Row): StoredRecordMeta[] {
  let fields: unknown
  try {
    fields = JSON.parse(row.value)
  } catch {
    return []
  }
  if (!Array.isArray(fields)) return []
  const [kind, provider, model, createdAt, lastUsedAt, hits, bytes, costUsd, blob, blobs] = fields as unknown[]
  return parseMetaRecord(row.key, { kind, provider, model, createdAt, lastUsedAt, hits, bytes, costUsd: costUsd ?? undefined, blob, blobs }, row.size)
}

/** A row read without its payload (SQL removed `text` and `job`) → the record's meta. */
export function parseMetaRow(row: Row): StoredRecordMeta[] {
  return parseMetaRecord(row.key, unwrap(row.value), row.size)
}

/**
 * Hand-rolled rather than the shared shape check on a rebuilt record: prune streams a million
 * of these, and this is ten times faster. Accepts what `isCacheRecord` accepts of the whole
 * record (the payloads it cannot see, `text` and `job`, are what the chat and job namespaces hold).
 */
function parseMetaRecord(key: string, value: unknown, size: number): StoredRecordMeta[] {
  const address = split(key)
  const record = value as Record<string, unknown> | undefined
  if (address === undefined || typeof record !== 'object' || record === null) return []
  const { createdAt, lastUsedAt } = record
  if (typeof createdAt !== 'number' || typeof lastUsedAt !== 'number') return []
  let blobs: readonly BlobRef[] = []
  if (Array.isArray(record.blobs) && record.blobs.every(isRef)) blobs = record.blobs
  else if (isRef(record.blob)) blobs = [record.blob]
  else if (address.namespace !== 'chat' && address.namespace !== 'job') return []
  const meta: { -readonly [K in keyof RecordMeta]: RecordMeta[K] } = {
    kind: record.kind as RecordMeta['kind'],
    provider: record.provider as string,
    model: record.model as string,
    createdAt,
    lastUsedAt,
    hits: record.hits as number,
    bytes: record.bytes as number,
  }
  if (record.costUsd !== undefined) meta.costUsd = record.costUsd as number
  return [{ namespace: address.namespace, key: address.key, meta, blobs, size }]
}
