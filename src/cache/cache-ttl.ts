import { parseDuration } from '../config/parse-duration.js'
import { ConfigError } from '../errors.js'
import type { CacheNamespace, RecordMeta } from './cache-records.js'

/** The kinds a lifetime can be set for: results someone paid for. Jobs and derived media follow no TTL. */
export const TTL_KINDS = ['chat', 'image', 'video', 'speech', 'music'] as const
export type TtlKind = (typeof TTL_KINDS)[number]

/** Milliseconds a record of each kind lives after it was made; a kind left out lives until pruned. */
export type CacheTtls = Readonly<Partial<Record<TtlKind, number>>>

/** `cache.ttl` as the config holds it: one duration for every kind, or one per kind. */
export type TtlSetting = string | Readonly<Partial<Record<TtlKind, string | undefined>>>

/**
 * `VIMAX_CACHE_TTL` wins over `cache.ttl`, kind by kind: `video=180d,chat=30d` sets those two and
 * keeps the config's others; `30d` alone sets every kind.
 */
export function resolveCacheTtls(setting: TtlSetting | undefined, envValue: string | undefined): CacheTtls {
  const fromConfig = setting === undefined ? {} : parseSetting(setting)
  const text = envValue?.trim()
  return text ? { ...fromConfig, ...parseTtlText(text, 'VIMAX_CACHE_TTL') } : fromConfig
}

function parseSetting(setting: TtlSetting): CacheTtls {
  if (typeof setting === 'string') return everyKind(positive(setting, 'cache.ttl'))
  const out: Partial<Record<TtlKind, number>> = {}
  for (const kind of TTL_KINDS) {
    const value = setting[kind]
    if (value !== undefined) out[kind] = positive(value, `cache.ttl.${kind}`)
  }
  return out
}

/** "30d" → every kind; "video=180d,chat=30d" → those kinds. */
export function parseTtlText(text: string, subject: string): CacheTtls {
  if (!text.includes('=')) return everyKind(positive(text, subject))
  const out: Partial<Record<TtlKind, number>> = {}
  for (const part of text.split(',').map((piece) => piece.trim()).filter(Boolean)) {
    const [kind, value] = part.split('=').map((piece) => piece.trim())
    if (!isTtlKind(kind) || !value) {
      throw new ConfigError(`${subject}: expected one duration (30d) or kind=duration pairs such as video=180d,chat=30d, got "${part}"`, {
        code: 'E_USAGE',
        hint: `kinds are ${TTL_KINDS.join(', ')}`,
      })
    }
    out[kind] = positive(value, `${subject} ${kind}`)
  }
  return out
}

function positive(text: string, subject: string): number {
  const ms = parseDuration(text, subject)
  if (ms > 0) return ms
  throw new ConfigError(`${subject}: a lifetime must be longer than 0, got "${text}"`, { code: 'E_USAGE', hint: 'leave the kind out to keep its results until pruned' })
}

const everyKind = (ms: number): CacheTtls => Object.fromEntries(TTL_KINDS.map((kind) => [kind, ms]))
const isTtlKind = (word: string | undefined): word is TtlKind => (TTL_KINDS as readonly (string | undefined)[]).includes(word)

/**
 * Milliseconds a record has left, counted from when it was made — a hit refreshes `lastUsedAt`
 * but never extends a lifetime, so a result is remade on schedule however often it is used.
 * `undefined`: it never expires; 0 or less: it has expired.
 */
export function ttlLeft(ttls: CacheTtls, namespace: CacheNamespace, meta: Pick<RecordMeta, 'createdAt'>, now: number): number | undefined {
  const ttl = (ttls as Partial<Record<string, number>>)[namespace]
  return ttl === undefined ? undefined : meta.createdAt + ttl - now
}

/** "30d" for a summary line. */
export function formatTtl(ms: number): string {
  const units: [number, string][] = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'm'], [1000, 's']]
  for (const [size, unit] of units) if (ms % size === 0) return `${ms / size}${unit}`
  return `${ms}ms`
}
