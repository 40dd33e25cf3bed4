import { CACHE_NAMESPACES, isCacheRecord, type CacheNamespace, type CacheRecord } from './cache-records.js'
import { toMeta, type StoredRecord, type StoredRecordMeta } from './record-store.js'

/** Reading the Keyv table's rows back in bulk: `<namespace>:<key>` → `{ value: record }`. */

const NAMESPACES = new Set<string>(CACHE_NAMESPACES)
// A key range rather than LIKE: it walks the primary-key index, one namespace at a time.
export const RANGE = 'WHERE key >= ? AND key < ?'
export const range = (namespace: CacheNamespace | undefined) => (namespace === undefined ? ['', '\u{10FFFF}'] : [`${namespace}:`, `${namespace};`])

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

export function parseMetaRow(row: Row): StoredRecordMeta[] {
  const address = split(row.key)
  const record = unwrap(row.value) as Partial<CacheRecord> | undefined
  if (address === undefined || typeof record?.createdAt !== 'number' || typeof record.lastUsedAt !== 'number') return []
  // Payloads were removed in SQL; put placeholders back so the shared shape check and mapping apply.
  const whole = { ...record, ...(address.namespace === 'chat' && { text: '' }), ...(address.namespace === 'job' && { job: { id: '' } }) }
  return isCacheRecord(whole) ? [toMeta({ ...address, record: whole, size: row.size })] : []
}
