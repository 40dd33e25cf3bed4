import type { ResponseHeaders } from './response-headers.js'

/**
 * The wait a vendor asked for, in milliseconds, or undefined when it named none. openai-node's
 * order: `retry-after-ms` (float ms), then `Retry-After` as seconds or as an HTTP date.
 */
export function retryAfterFromHeaders(headers: ResponseHeaders, now: number): number | undefined {
  const ms = headers['retry-after-ms']
  if (ms !== undefined) {
    const value = Number.parseFloat(ms)
    if (Number.isFinite(value) && value >= 0) return Math.round(value)
  }
  const after = headers['retry-after']?.trim()
  if (!after) return undefined
  if (/^\d+(\.\d+)?$/.test(after)) return Math.round(Number.parseFloat(after) * 1000)
  const date = Date.parse(after)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

/** A protobuf JSON duration ("37s", "1.5s", "0.250s") in milliseconds. */
export function parseGoogleDuration(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined
  const match = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(value)
  return match ? Math.round(Number.parseFloat(match[1]!) * 1000) : undefined
}

/** `x-should-retry` overrides the status-based decision when the server sends it. */
export function shouldRetryHeader(headers: ResponseHeaders): boolean | undefined {
  const value = headers['x-should-retry']?.trim().toLowerCase()
  return value === 'true' ? true : value === 'false' ? false : undefined
}
