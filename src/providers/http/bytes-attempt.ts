import type { Dispatcher } from 'undici'
import { AttemptError, badResponse, withRequestId } from './attempt-error.js'
import { attemptSignal } from './attempt-signal.js'
import { classifyFailure } from './classify-failure.js'
import { classifyStatus } from './classify-status.js'
import type { ResponseInfo } from './json-attempt.js'
import { newRequestId, requestIdFrom } from './request-id.js'
import { abandon, BodyTooLarge, readText, send } from './send.js'
import { parseErrorBody } from './vendor-error.js'

/** Checks a 2xx binary body (its first bytes, its content type) and returns what the model needs. */
export type ParseBytes<T> = (bytes: Uint8Array, response: ResponseInfo) => T

export interface BytesAttemptInput<T> {
  readonly dispatcher: Dispatcher
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: () => string
  readonly accept: string
  readonly parse: ParseBytes<T>
  readonly caller?: AbortSignal | undefined
  readonly timeoutMs: number
  readonly deadline: boolean
  readonly idleMs: number
  readonly maxBytes: number
  readonly now: () => number
}

/**
 * One attempt of a JSON request whose answer is media bytes (OpenAI's `/audio/speech`,
 * ElevenLabs' `/music`): the same status mapping as a JSON call, then the whole body in memory.
 */
export async function bytesAttempt<T>(input: BytesAttemptInput<T>): Promise<ResponseInfo & { readonly value: T }> {
  const clientId = newRequestId()
  const abort = attemptSignal({ caller: input.caller, timeoutMs: input.timeoutMs, deadline: input.deadline })
  let requestId = clientId
  try {
    const response = await send({
      dispatcher: input.dispatcher,
      method: 'POST',
      url: input.url,
      headers: { accept: input.accept, ...input.headers, 'x-client-request-id': clientId },
      body: input.body(),
      signal: abort.signal,
      headersTimeoutMs: input.timeoutMs,
      bodyTimeoutMs: input.idleMs,
    })
    requestId = requestIdFrom(response.headers, clientId)
    const info: ResponseInfo = { status: response.status, headers: response.headers, requestId }
    if (response.status >= 300) {
      const text = await readText(response.body, 1024 * 1024)
      throw classifyStatus({ ...info, vendor: parseErrorBody(text), now: input.now() })
    }
    const bytes = await readBytes(response.body, input.maxBytes)
    if (bytes.length === 0) throw badResponse('empty body where media was expected')
    return { ...info, value: input.parse(bytes, info) }
  } catch (error) {
    if (error instanceof BodyTooLarge) throw withRequestId(badResponse(error.message, { retry: false }), requestId)
    if (error instanceof AttemptError) throw withRequestId(error, requestId)
    throw classifyFailure(error, requestId)
  } finally {
    abort.dispose()
  }
}

async function readBytes(body: Parameters<typeof readText>[0], maxBytes: number): Promise<Uint8Array> {
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
  return new Uint8Array(Buffer.concat(chunks))
}
