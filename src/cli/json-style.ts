/**
 * One style for every `--json`: snake_case keys and ISO 8601 times (README "JSON output").
 * Internal types keep their camelCase names and epoch-millisecond times; this is the one place
 * they are translated, so a new field gets the house style without anyone remembering to.
 */
export function jsonStyle(value: unknown): unknown {
  return convert(value, false)
}

/**
 * The same, plus each renamed key under its old name with its old value, for scripts written
 * against 0.1.0 (`startedAt` epoch ms next to `started_at` ISO). Removed in 0.2 (README).
 */
export function jsonStyleWithDeprecated(value: unknown): unknown {
  return convert(value, true)
}

export function snakeCase(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()
}

/** Fields named `…At` hold epoch milliseconds inside vimax. */
const isTimeField = (key: string, value: unknown) => /At$/.test(key) && typeof value === 'number'

function convert(value: unknown, deprecated: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => convert(item, deprecated))
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue
    const name = snakeCase(key)
    out[name] = isTimeField(key, item) ? new Date(item as number).toISOString() : convert(item, deprecated)
    if (deprecated && name !== key && !(key in out)) out[key] = item
  }
  return out
}
