import type { CacheNamespace } from './cache-records.js'
import { compareLru, emptyRecordStats, matchesQuery } from './record-query.js'
import type { BlobUse, LruPosition, NamespaceStats, RecordAddress, RecordQuery, RecordStats, StoredRecordMeta } from './record-store.js'
import type { RedisClient } from './redis-connect.js'
import { decodeMeta, fieldOf, INDEX_DELETE, positionOfMember, type MetaEntry, type RedisKeys } from './redis-index.js'

/** The bulk half of the Redis record store: everything by ranges, cursors and pipelines, a batch in memory at a time. */
export interface RedisBulkContext {
  readonly client: RedisClient
  readonly keys: RedisKeys
  readonly now: () => number
}

/** Commands per pipeline (MULTI) when deleting. */
const CHUNK = 500
const HSCAN_COUNT = 1000

/** Removes index entries of records Redis has already expired; run before every aggregate so they read as absent. */
export async function sweepExpired(ctx: RedisBulkContext): Promise<number> {
  let swept = 0
  for (;;) {
    const due = await ctx.client.zRange(ctx.keys.exp, '-inf', ctx.now(), { BY: 'SCORE', LIMIT: { offset: 0, count: CHUNK } })
    if (due.length === 0) return swept
    const results = await deleteFields(ctx, due, { onlyIfGone: false })
    swept += results
    if (due.length < CHUNK) return swept
  }
}

/** Deletes records and their index entries, a pipeline per chunk; returns how many records existed. */
export async function deleteFields(ctx: RedisBulkContext, fields: readonly string[], options: { readonly onlyIfGone: boolean }): Promise<number> {
  let deleted = 0
  for (let start = 0; start < fields.length; start += CHUNK) {
    const multi = ctx.client.multi()
    for (const field of fields.slice(start, start + CHUNK)) {
      multi.eval(INDEX_DELETE, { keys: [ctx.keys.lru, ctx.keys.meta, ctx.keys.exp, ctx.keys.record(field)], arguments: [field, options.onlyIfGone ? '1' : '0'] })
    }
    const replies = await multi.exec()
    for (const reply of replies) deleted += Number(reply) > 0 ? 1 : 0
  }
  return deleted
}

export const deleteAddresses = (ctx: RedisBulkContext, addresses: readonly RecordAddress[]) =>
  deleteFields(
    ctx,
    addresses.map(({ namespace, key }) => fieldOf(namespace, key)),
    { onlyIfGone: false },
  )

/**
 * The records a query selects, in LRU order, by keyset pages over the sorted set: each page starts
 * at the last position's score and skips what is not strictly after it, so deletions between
 * pages (a prune deleting what it just read) never make it skip or repeat a record.
 */
export async function* scanIndex(ctx: RedisBulkContext, query: RecordQuery, batch: number): AsyncGenerator<StoredRecordMeta[]> {
  const floor = Math.max(query.lastUsedFrom ?? -Infinity, query.after?.lastUsedAt ?? -Infinity)
  // The tightest score bound; matchesQuery then applies every condition exactly.
  const before = query.lastUsedBefore
  const through = query.through?.lastUsedAt
  const max = before !== undefined && (through === undefined || before <= through) ? `(${before}` : through !== undefined ? String(through) : '+inf'
  let cursor: LruPosition | undefined = query.after
  let min = floor
  for (;;) {
    const page = await pageAfter(ctx, min, max, cursor, batch)
    if (page.positions.length === 0) return
    cursor = page.positions[page.positions.length - 1]!
    min = cursor.lastUsedAt
    const entries = await readMeta(ctx, page.positions)
    const selected = entries.filter((record) => matchesQuery(record, query))
    if (selected.length > 0) yield selected
    if (page.exhausted) return
  }
}

/** Up to `batch` positions strictly after `cursor` with `min <= score <= max`; widens its window past long runs of equal scores. */
async function pageAfter(ctx: RedisBulkContext, min: number, max: string, cursor: LruPosition | undefined, batch: number) {
  for (let window = batch; ; window *= 2) {
    const raw = await ctx.client.zRangeWithScores(ctx.keys.lru, min === -Infinity ? '-inf' : min, max, { BY: 'SCORE', LIMIT: { offset: 0, count: window } })
    const positions = raw
      .map(({ value, score }) => positionOfMember(String(value), Number(score)))
      .filter((position): position is LruPosition => position !== undefined && (cursor === undefined || compareLru(position, cursor) > 0))
    const exhausted = raw.length < window
    if (positions.length > 0 || exhausted) return { positions: positions.slice(0, batch), exhausted: exhausted && positions.length <= batch }
  }
}

async function readMeta(ctx: RedisBulkContext, positions: readonly LruPosition[]): Promise<StoredRecordMeta[]> {
  const fields = positions.map(({ namespace, key }) => fieldOf(namespace, key))
  const values = await ctx.client.hmGet(ctx.keys.meta, fields)
  const out: StoredRecordMeta[] = []
  values.forEach((value, index) => {
    const entry = decodeMeta(value === null ? undefined : String(value))
    // The index says when it was used last (a touch may be newer than the copy in the hash).
    if (entry) out.push({ ...entry.record, meta: { ...entry.record.meta, lastUsedAt: positions[index]!.lastUsedAt } })
  })
  return out
}

/** Every meta entry, a HSCAN page at a time. */
export async function* metaEntries(ctx: RedisBulkContext): AsyncGenerator<MetaEntry[]> {
  for await (const page of ctx.client.hScanIterator(ctx.keys.meta, { COUNT: HSCAN_COUNT })) {
    const entries = page.map(({ value }) => decodeMeta(String(value))).filter((entry): entry is MetaEntry => entry !== undefined)
    if (entries.length > 0) yield entries
  }
}

export async function statsOf(ctx: RedisBulkContext): Promise<RecordStats> {
  const stats = emptyRecordStats()
  const namespaces = stats.namespaces as Record<CacheNamespace, NamespaceStats>
  for await (const entries of metaEntries(ctx)) {
    for (const { record } of entries) {
      const ns = namespaces[record.namespace]
      if (ns === undefined) continue
      namespaces[record.namespace] = { entries: ns.entries + 1, recordBytes: ns.recordBytes + record.size, resultBytes: ns.resultBytes + record.meta.bytes }
    }
  }
  return stats
}

export async function* blobUses(ctx: RedisBulkContext, batch = 1000): AsyncGenerator<BlobUse[]> {
  const counts = new Map<string, number>()
  for await (const entries of metaEntries(ctx)) {
    for (const { record } of entries) for (const sha of new Set(record.blobs.map((blob) => blob.sha256))) counts.set(sha, (counts.get(sha) ?? 0) + 1)
  }
  const uses = [...counts].map(([sha256, records]) => ({ sha256, records }))
  for (let start = 0; start < uses.length; start += batch) yield uses.slice(start, start + batch)
}

export async function referencedOf(ctx: RedisBulkContext, digests: readonly string[]): Promise<Set<string>> {
  const wanted = new Set(digests)
  const found = new Set<string>()
  if (wanted.size === 0) return found
  for await (const entries of metaEntries(ctx)) for (const { record } of entries) for (const blob of record.blobs) if (wanted.has(blob.sha256)) found.add(blob.sha256)
  return found
}

/** Deletes what `scanIndex(query)` yields, page by page. */
export async function deleteMatching(ctx: RedisBulkContext, query: RecordQuery): Promise<number> {
  let deleted = 0
  for await (const page of scanIndex(ctx, query, 1000)) deleted += await deleteFields(ctx, page.map((record) => fieldOf(record.namespace, record.key)), { onlyIfGone: false })
  return deleted
}

/** Raises each key's records (any namespace) in the LRU order to the given time; never lowers (ZADD GT). */
export async function touchKeys(ctx: RedisBulkContext, uses: readonly { readonly key: string; readonly lastUsedAt: number }[], namespaces: readonly CacheNamespace[]): Promise<number> {
  const latest = new Map<string, number>()
  for (const use of uses) latest.set(use.key, Math.max(use.lastUsedAt, latest.get(use.key) ?? -Infinity))
  const keys = [...latest.keys()]
  let changed = 0
  for (let start = 0; start < keys.length; start += CHUNK) {
    const fields = keys.slice(start, start + CHUNK).flatMap((key) => namespaces.map((namespace) => fieldOf(namespace, key)))
    const values = await ctx.client.hmGet(ctx.keys.meta, fields)
    const multi = ctx.client.multi()
    let queued = 0
    values.forEach((value) => {
      const entry = decodeMeta(value === null ? undefined : String(value))
      if (!entry) return
      multi.zAdd(ctx.keys.lru, { score: latest.get(entry.record.key)!, value: entry.member }, { GT: true, CH: true })
      queued++
    })
    if (queued === 0) continue
    for (const reply of await multi.exec()) changed += Number(reply)
  }
  return changed
}
