import { ERROR_PAGE } from './media.js'
import { chatCompletion, type CompletionOptions } from './openai.js'
import type { ErrorSpec, Responder } from './types.js'

/** `count` copies of one answer, for "the next N calls return X". */
export const repeat = (count: number, responder: Responder): Responder[] => Array.from({ length: count }, () => responder)

/** The route's normal answer, for sequences such as (429, 429, ok). */
export const ok: Responder = (exchange) => exchange.next()

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Responder => (x) => x.json(status, body, headers)

export const status = (code: number, error: ErrorSpec = { message: `fake ${code}` }, headers: Record<string, string> = {}): Responder => (x) =>
  x.error(code, error, headers)

export const serverError = (code: 500 | 502 | 503 | 504 = 500) => status(code, { message: `The server had an error while processing your request (${code}).` })

export interface RateLimitHint {
  /** `Retry-After: <seconds>`. */
  readonly retryAfter?: number
  /** `Retry-After: <HTTP date>` this many seconds from now. */
  readonly retryAfterDateIn?: number
  readonly retryAfterMs?: number
  /** Gemini: no header, `details[].retryDelay` such as "2s". */
  readonly geminiDelay?: string
}

/** A 429 with one of the retry-hint variants (none by default). */
export const rateLimit = (hint: RateLimitHint = {}): Responder => {
  const headers: Record<string, string> = {}
  if (hint.retryAfter !== undefined) headers['retry-after'] = String(hint.retryAfter)
  if (hint.retryAfterDateIn !== undefined) headers['retry-after'] = new Date(Date.now() + hint.retryAfterDateIn * 1000).toUTCString()
  if (hint.retryAfterMs !== undefined) headers['retry-after-ms'] = String(hint.retryAfterMs)
  const details = hint.geminiDelay ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: hint.geminiDelay }] : undefined
  return status(429, { message: 'Rate limit reached for requests', code: 'rate_limit_exceeded', ...(details ? { details } : {}) }, headers)
}

/** OpenAI's out-of-credit 429: must not be retried. */
export const insufficientQuota = status(429, {
  message: 'You exceeded your current quota, please check your plan and billing details.',
  type: 'insufficient_quota',
  code: 'insufficient_quota',
})

/** Gemini's per-day quota 429: a RetryInfo is present, but waiting cannot help today. */
export const perDayQuota = status(429, {
  message: 'You exceeded your current quota.',
  details: [
    {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_requests', quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier' }],
    },
    { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '37s' },
  ],
})

export const unauthorized = status(401, { message: 'Incorrect API key provided.', code: 'invalid_api_key' })
export const forbidden = status(403, { message: 'Your organization must be verified to use this model.' })
export const contentPolicy = status(400, {
  message: 'Your request was rejected as a result of our safety system.',
  type: 'image_generation_user_error',
  code: 'moderation_blocked',
})

/** A proxy's HTML 503. */
export const html503: Responder = ({ res }) => void res.writeHead(503, { 'content-type': 'text/html' }).end(ERROR_PAGE)

/** Waits before sending headers, then answers normally (if the client is still there). */
export const slowHeaders = (ms: number, then: Responder = ok): Responder => async (x) => {
  await x.wait(ms)
  if (!x.res.destroyed) await then(x)
}

/** Sends headers and part of the body, then nothing until the client gives up. */
export const stalledBody = (ms = 60_000): Responder => async ({ res, wait }) => {
  res.writeHead(200, { 'content-type': 'application/json' })
  res.write('{"id":"chatcmpl-stalled","choices":[')
  await wait(ms)
  res.destroy()
}

export const malformedJson: Responder = ({ res }) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"chatcmpl-cut","choices":[{"mess')
export const notJson: Responder = ({ res }) => void res.writeHead(200, { 'content-type': 'application/json' }).end('Service temporarily unavailable')
export const emptyBody: Responder = ({ res }) => void res.writeHead(200, { 'content-type': 'application/json' }).end()

/** A TCP reset in the middle of the body. */
export const resetMidBody: Responder = ({ res }) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' })
  res.write('{"id":"chatcmpl-reset","choi', () => res.socket?.resetAndDestroy())
}

/** The connection closes with no response at all. */
export const dropConnection: Responder = ({ res }) => void res.socket?.destroy()

export const redirect = (location: string, code = 302): Responder => ({ res }) => void res.writeHead(code, { location }).end()

// Chat answers.
export const chatAnswer = (content: string | null, options: CompletionOptions = {}): Responder => (x) => x.json(200, chatCompletion(content, options))
export const fencedJson = (value: unknown) => chatAnswer('Here it is:\n```json\n' + JSON.stringify(value, null, 2) + '\n```')
export const truncatedAnswer = chatAnswer('{"title": "The Lighthouse", "scenes": [{"id": "1", "slug', { finishReason: 'length' })
export const refusal = chatAnswer(null, { refusal: "I'm sorry, I can't help with that." })
/** OpenRouter: the model failed after the 200 went out. */
export const errorIn200 = json({ error: { code: 502, message: 'Provider returned error', metadata: { provider_name: 'Upstream', raw: 'upstream overloaded' } } })
