import type { JsonValue } from './types.js'

/**
 * A model's cache-key fingerprint from its output-affecting options: only the options that are
 * set, so adding an optional setting to a provider does not invalidate every cached result.
 */
export function fingerprintOf(options: object, base: Record<string, JsonValue> = {}): Record<string, JsonValue> {
  const fingerprint = { ...base }
  for (const [key, value] of Object.entries(options)) if (value !== undefined) fingerprint[key] = value as JsonValue
  return fingerprint
}
