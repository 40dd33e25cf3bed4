import { type Dispatcher, type FormData, request } from 'undici'
import { normalizeHeaders, type ResponseHeaders } from './response-headers.js'

export interface SendInput {
  readonly dispatcher: Dispatcher
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string | Uint8Array | FormData | undefined
  readonly signal: AbortSignal
  /** Undici's own timeouts, set per request so a shared agent serves every provider. */
  readonly headersTimeoutMs: number
  readonly bodyTimeoutMs: number
}

export interface SentResponse {
  readonly status: number
  readonly headers: ResponseHeaders
  readonly body: Dispatcher.ResponseData['body']
}

/** One HTTP exchange up to the response headers; the caller must consume or dump the body. */
export async function send(input: SendInput): Promise<SentResponse> {
  const response = await request(input.url, {
    dispatcher: input.dispatcher,
    method: input.method,
    headers: input.headers,
    body: input.body ?? null,
    signal: input.signal,
    headersTimeout: input.headersTimeoutMs,
    bodyTimeout: input.bodyTimeoutMs,
  })
  return { status: response.statusCode, headers: normalizeHeaders(response.headers), body: response.body }
}

/**
 * Reads a whole body, failing past `maxBytes` (a JSON answer is never gigabytes; a runaway one
 * must not fill memory).
 */
export async function readBody(body: SentResponse['body'], maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > maxBytes) {
      abandon(body)
      throw new BodyTooLarge(maxBytes)
    }
    chunks.push(buffer)
  }
  return Buffer.concat(chunks)
}

export async function readText(body: SentResponse['body'], maxBytes: number): Promise<string> {
  return (await readBody(body, maxBytes)).toString('utf8')
}

export class BodyTooLarge extends Error {
  override name = 'BodyTooLarge'
  constructor(readonly maxBytes: number) {
    super(`response body larger than ${maxBytes} bytes`)
  }
}

/** Frees the socket without reading what is left (an error page we have already seen enough of). */
export async function discard(body: SentResponse['body']): Promise<void> {
  await body.dump({ limit: 64 * 1024 }).catch(() => undefined)
}

/**
 * Drops a body mid-stream. Undici emits an AbortError on a destroyed body; with no listener that
 * would be an uncaught exception, so one is attached first.
 */
export function abandon(body: SentResponse['body']): void {
  body.on('error', () => undefined)
  body.destroy()
}
