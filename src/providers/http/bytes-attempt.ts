import { badResponse } from './attempt-error.js'
import { sendAttempt, type AttemptResult, type ResponseInfo, type SendAttemptInput } from './send-attempt.js'
import { readBody } from './send.js'

/** Checks a 2xx binary body (its first bytes, its content type) and returns what the model needs. */
export type ParseBytes<T> = (bytes: Uint8Array, response: ResponseInfo) => T

export interface BytesAttemptInput<T> extends Omit<SendAttemptInput, 'method' | 'body'> {
  readonly body: () => string
  readonly parse: ParseBytes<T>
}

/**
 * One attempt of a JSON request whose answer is media bytes (OpenAI's `/audio/speech`,
 * ElevenLabs' `/music`): the same status mapping and timeouts as a JSON call, then the whole body in memory.
 */
export function bytesAttempt<T>(input: BytesAttemptInput<T>): Promise<AttemptResult<T>> {
  return sendAttempt({ ...input, method: 'POST' }, async (body, info, maxBytes) => {
    const bytes = new Uint8Array(await readBody(body, maxBytes))
    if (bytes.length === 0) throw badResponse('empty body where media was expected')
    return input.parse(bytes, info)
  })
}
