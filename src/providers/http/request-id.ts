import { randomUUID } from 'node:crypto'
import type { ResponseHeaders } from './response-headers.js'

/** Where vendors put the id support asks for. */
const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-fal-request-id', 'x-goog-request-id', 'x-amzn-requestid', 'cf-ray']

/** Our own id, sent as `X-Client-Request-Id` so a call can be found even when the vendor names none. */
export function newRequestId(): string {
  return `vimax-${randomUUID()}`
}

export function requestIdFrom(headers: ResponseHeaders, fallback: string): string {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers[name]?.trim()
    if (value) return value
  }
  return fallback
}
