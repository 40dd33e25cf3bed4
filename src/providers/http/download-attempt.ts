import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Dispatcher } from 'undici'
import { AttemptError, badResponse, withRequestId } from './attempt-error.js'
import { attemptSignal } from './attempt-signal.js'
import { classifyFailure } from './classify-failure.js'
import { classifyStatus } from './classify-status.js'
import { extensionFor } from '../../media/media-type.js'
import { checkMediaHead, type MediaKind } from './media-kind.js'
import { newRequestId, requestIdFrom } from './request-id.js'
import { abandon, discard, readText, send, type SentResponse } from './send.js'
import { parseErrorBody } from './vendor-error.js'

export interface DownloadAttemptInput {
  readonly dispatcher: Dispatcher
  readonly url: URL
  /** Sent to the first origin only: a redirect to storage elsewhere must not receive our key. */
  readonly headers: Readonly<Record<string, string>>
  readonly expect: MediaKind
  readonly dir: string
  readonly maxBytes: number
  readonly maxRedirects: number
  readonly caller?: AbortSignal | undefined
  readonly timeoutMs: number
  readonly deadline: boolean
  readonly headersMs: number
  readonly idleMs: number
  readonly now: () => number
}

export interface DownloadAttemptResult {
  readonly path: string
  readonly mediaType: string
  readonly bytes: number
  readonly status: number
  readonly requestId: string
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])
const EXPIRED = new Set([403, 404, 410])
const CROSS_ORIGIN_SAFE = new Set(['accept', 'user-agent'])

/** One attempt of a download: follow redirects, check the media kind, stream to a file in `dir`. */
export async function downloadAttempt(input: DownloadAttemptInput): Promise<DownloadAttemptResult> {
  const clientId = newRequestId()
  const abort = attemptSignal({ caller: input.caller, timeoutMs: input.timeoutMs, deadline: input.deadline })
  let requestId = clientId
  let answered = false
  try {
    let url = input.url
    let headers: Record<string, string> = { ...input.headers, 'x-client-request-id': clientId }
    for (let hop = 0; ; hop++) {
      const response = await send({
        dispatcher: input.dispatcher,
        method: 'GET',
        url,
        headers,
        signal: abort.signal,
        headersTimeoutMs: input.headersMs,
        bodyTimeoutMs: input.idleMs,
      })
      answered = true
      requestId = requestIdFrom(response.headers, clientId)
      const location = response.headers.location
      if (REDIRECTS.has(response.status) && location) {
        await discard(response.body)
        if (hop >= input.maxRedirects) throw badResponse(`more than ${input.maxRedirects} redirects`, { retry: false })
        const next = new URL(location, url)
        if (next.origin !== url.origin) headers = safeHeaders(headers)
        url = next
        continue
      }
      if (response.status >= 300) throw await statusFailure(response, requestId, input.now())
      const saved = await save(response, input)
      return { ...saved, status: response.status, requestId }
    }
  } catch (error) {
    if (error instanceof AttemptError) throw withRequestId(error, requestId)
    throw classifyFailure(error, requestId, { ...input, answered })
  } finally {
    abort.dispose()
  }
}

async function statusFailure(response: SentResponse, requestId: string, now: number): Promise<AttemptError> {
  const text = await readText(response.body, 64 * 1024).catch(() => '')
  const vendor = parseErrorBody(text)
  if (!EXPIRED.has(response.status)) return classifyStatus({ status: response.status, vendor, headers: response.headers, requestId, now })
  return new AttemptError(`HTTP ${response.status}: the media link expired or does not exist (${vendor.message})`, {
    code: 'E_PROVIDER_HTTP',
    retryable: false,
    status: response.status,
    requestId,
    hint: 'the vendor’s media link expired before it was downloaded; rerun to generate it again',
  })
}

/** Streams to a temp name beside the target; only a complete, checked file gets its real name. */
async function save(response: SentResponse, input: DownloadAttemptInput) {
  const declared = Number(response.headers['content-length'])
  if (Number.isFinite(declared) && declared > input.maxBytes) {
    abandon(response.body)
    throw tooLarge(input.maxBytes, declared)
  }
  await mkdir(input.dir, { recursive: true })
  const id = randomUUID()
  const temp = path.join(input.dir, `.vimax-download-${id}.part`)
  let mediaType: string | undefined
  let size = 0
  const file = createWriteStream(temp)
  // The file is opened asynchronously: removing it before the stream has closed can race the
  // open and leave an empty .part behind on a busy machine.
  const closed = new Promise<void>((resolve) => file.once('close', () => resolve()))
  try {
    await pipeline(
      response.body,
      async function* (source: AsyncIterable<Buffer>) {
        let head: Buffer[] = []
        for await (const chunk of source) {
          size += chunk.length
          if (size > input.maxBytes) throw tooLarge(input.maxBytes)
          if (mediaType !== undefined) {
            yield chunk
            continue
          }
          head.push(chunk)
          if (size < 64) continue
          const first = Buffer.concat(head)
          mediaType = checkMediaHead(first, input.expect, response.headers['content-type'])
          head = []
          yield first
        }
        if (mediaType === undefined) {
          const first = Buffer.concat(head)
          mediaType = checkMediaHead(first, input.expect, response.headers['content-type'])
          yield first
        }
      },
      file,
    )
    const target = path.join(input.dir, `${id}.${extensionFor(mediaType!)}`)
    await rename(temp, target)
    return { path: target, mediaType: mediaType!, bytes: size }
  } catch (error) {
    abandon(response.body)
    await closed
    await rm(temp, { force: true })
    throw error
  }
}

function tooLarge(maxBytes: number, declared?: number): AttemptError {
  const size = declared === undefined ? `more than ${maxBytes}` : `${declared}`
  return badResponse(`download of ${size} bytes exceeds the ${maxBytes}-byte limit`, {
    retry: false,
    hint: 'the limit (50 MB an image, 2 GB a video) stops a runaway answer from filling the disk; rerun, or choose another model if its media are this large',
  })
}

function safeHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => CROSS_ORIGIN_SAFE.has(name.toLowerCase())))
}
