import { sha256 } from '../util/digest.js'

/**
 * One spelling per value, so two equal requests always hash alike: object keys sorted (key order
 * otherwise causes silent misses), `undefined` fields dropped (so `{ take: undefined }` equals
 * `{}`), non-finite numbers as null and -0 as 0, as JSON would have them.
 *
 * Bytes never go in as bytes: an object carrying a `bytes` array (an `ImageInput`) keeps its other
 * fields and gets `sha256` in place of `bytes`; a bare byte array becomes `{ sha256 }`. The key
 * then covers an image's content, not its size in the key text.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value, new Set()))
}

// Reference images repeat across many shots (every portrait of a character); hash each once.
const digests = new WeakMap<Uint8Array, string>()

export function bytesDigest(bytes: Uint8Array): string {
  let digest = digests.get(bytes)
  if (digest === undefined) {
    digest = sha256(bytes)
    digests.set(bytes, digest)
  }
  return digest
}

function canonicalize(value: unknown, seen: Set<object>): unknown {
  if (value === null) return null
  if (typeof value === 'number') return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'bigint') return value.toString()
  if (typeof value !== 'object') return undefined // functions, symbols, undefined: not data
  if (value instanceof Uint8Array) return { sha256: bytesDigest(value) }
  if (seen.has(value)) throw new TypeError('canonicalJson: a cyclic value cannot be a cache key')
  seen.add(value)
  try {
    if (Array.isArray(value)) return value.map((item) => canonicalize(item, seen) ?? null)
    const source = value as Record<string, unknown>
    const out: Record<string, unknown> = {}
    const withDigest = source.bytes instanceof Uint8Array
    for (const name of Object.keys(source).sort()) {
      if (withDigest && name === 'bytes') continue
      const item = canonicalize(source[name], seen)
      if (item !== undefined) out[name] = item
    }
    if (withDigest) out.sha256 = bytesDigest(source.bytes as Uint8Array)
    // Re-sort: `sha256` was added last but must sit in key order like everything else.
    return withDigest ? Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : out
  } finally {
    seen.delete(value)
  }
}
