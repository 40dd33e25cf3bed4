import type { IncomingHttpHeaders } from 'node:http'

/** Response headers with lower-case names and one string per name. */
export type ResponseHeaders = Readonly<Record<string, string>>

export function normalizeHeaders(headers: IncomingHttpHeaders): ResponseHeaders {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}
