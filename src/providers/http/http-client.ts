import os from 'node:os'
import path from 'node:path'
import type { Dispatcher } from 'undici'
import type { ProviderError } from '../../errors.js'
import { sleep as realSleep, type Sleep } from '../../util/sleep.js'
import type { CallOptions, Media } from '../types.js'
import { createAgent } from './agent.js'
import { AttemptError } from './attempt-error.js'
import { downloadAttempt } from './download-attempt.js'
import { jsonAttempt, type ParseBody } from './json-attempt.js'
import type { MediaKind } from './media-kind.js'
import { buildForm, type MultipartPart } from './multipart.js'
import { bytesAttempt, type ParseBytes } from './bytes-attempt.js'
import { createRedactor, safeUrl, type Redactor } from './redact.js'
import type { HttpLog } from './request-log.js'
import type { ResponseHeaders } from './response-headers.js'
import { resolveRetryPolicy, type RetryPolicy } from './retry-policy.js'
import { resolveTimeouts, type Timeouts } from './timeouts.js'
import { type CallRunner, runCall } from './run-call.js'
import { toProviderError } from './to-provider-error.js'

export interface HttpClientSettings {
  /** Named in every error and log line: "openai", "openrouter". */
  readonly provider: string
  readonly baseURL: string
  /** Auth and fixed headers, resolved at the first call (so keys are read lazily) and kept. */
  readonly headers?: () => Readonly<Record<string, string | undefined>>
  /** The key's variable, named in 401 hints. */
  readonly envVar?: string | undefined
  /** Defaults to an agent of our own with explicit timeouts, made at the first call. */
  readonly dispatcher?: Dispatcher | undefined
  readonly timeouts?: Partial<Timeouts> | undefined
  readonly retry?: Partial<RetryPolicy> | undefined
  readonly sleep?: Sleep | undefined
  readonly random?: (() => number) | undefined
  readonly now?: (() => number) | undefined
  readonly log?: HttpLog | undefined
  readonly redactor?: Redactor | undefined
  /** Where downloads go unless a call says otherwise. */
  readonly downloadDir?: string | undefined
  /** Largest JSON body accepted; base64 images make them big. */
  readonly maxResponseBytes?: number | undefined
  /**
   * A vendor's own reading of a failed JSON attempt, by its body code (`AttemptError.vendorCode`):
   * Kling answers an empty balance with HTTP 429, which must not be retried as a rate limit.
   */
  readonly reclassify?: ((failure: AttemptError) => AttemptError) | undefined
}

export interface CallSettings {
  readonly model: string
  readonly call?: CallOptions | undefined
  readonly headers?: Readonly<Record<string, string>> | undefined
  readonly timeouts?: Partial<Timeouts> | undefined
  /** Per-call retry changes, e.g. fewer retries for a billable video start whose answer was lost. */
  readonly retry?: Partial<RetryPolicy> | undefined
  /** Narrows retries; `retryIfUnprocessed` for a start that must not run twice. */
  readonly retryIf?: ((failure: AttemptError) => boolean) | undefined
}

export interface JsonCall<T> extends CallSettings {
  /** Checks the 2xx body's shape and extracts the result; runs inside the attempt (see ParseBody). */
  readonly parse?: ParseBody<T> | undefined
  /** Treat an `error` object inside a 2xx body as a failure; right for chat, wrong for job objects. */
  readonly errorInBody?: boolean | undefined
}

export interface BytesCall<T> extends CallSettings {
  /** Checks the 2xx bytes (sniffs the media) and extracts the result; runs inside the attempt. */
  readonly parse: ParseBytes<T>
  /** The Accept header; default any type. */
  readonly accept?: string | undefined
  /** Default 256 MB. */
  readonly maxBytes?: number | undefined
}

export interface DownloadCall extends CallSettings {
  readonly expect: MediaKind
  readonly dir?: string | undefined
  /** Default 50 MB for images, 2 GB for videos. */
  readonly maxBytes?: number | undefined
  /** Send the client's auth headers (never across origins). Default: only to the base URL's origin. */
  readonly auth?: boolean | undefined
}

export interface HttpResult<T> {
  readonly value: T
  readonly requestId: string
  readonly attempts: number
  readonly status: number
  readonly headers?: ResponseHeaders
}

export type FileMedia = Extract<Media, { kind: 'file' }>

export interface HttpClient {
  readonly provider: string
  readonly redactor: Redactor
  requestJson<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body: unknown, call: JsonCall<T>): Promise<HttpResult<T>>
  postJson<T = unknown>(path: string, body: unknown, call: JsonCall<T>): Promise<HttpResult<T>>
  getJson<T = unknown>(path: string, call: JsonCall<T>): Promise<HttpResult<T>>
  postMultipart<T = unknown>(path: string, parts: readonly MultipartPart[], call: JsonCall<T>): Promise<HttpResult<T>>
  /** A JSON request whose 2xx answer is media bytes (speech, music), read whole into memory. */
  postForBytes<T>(path: string, body: unknown, call: BytesCall<T>): Promise<HttpResult<T>>
  download(url: string, call: DownloadCall): Promise<HttpResult<FileMedia>>
  /** A problem found after a successful exchange, as a ProviderError naming provider, model, subject. */
  fail(problem: AttemptError, context: { readonly model: string; readonly call?: CallOptions | undefined; readonly target?: string; readonly requestId?: string; readonly attempts?: number }): ProviderError
}

const SECRET_HEADERS = new Set(['authorization', 'x-goog-api-key', 'x-api-key', 'api-key', 'xi-api-key'])

/** The one HTTP layer vendors share: timeouts, retries, error mapping, redaction, logging. */
export function createHttpClient(settings: HttpClientSettings): HttpClient {
  const redactor = settings.redactor ?? createRedactor()
  const policy = resolveRetryPolicy(settings.retry)
  const now = settings.now ?? Date.now
  const random = settings.random ?? Math.random
  const sleep = settings.sleep ?? realSleep
  const base = new URL(settings.baseURL.endsWith('/') ? settings.baseURL : `${settings.baseURL}/`)
  let dispatcher = settings.dispatcher
  let fixedHeaders: Record<string, string> | undefined

  // Whatever credential a header carries is masked in every message from then on.
  const lowered = (given: Readonly<Record<string, string | undefined>> = {}): Record<string, string> => {
    const resolved: Record<string, string> = {}
    for (const [name, value] of Object.entries(given)) {
      if (value === undefined) continue
      resolved[name.toLowerCase()] = value
      if (SECRET_HEADERS.has(name.toLowerCase())) redactor.add(value.replace(/^(Bearer|Key|Basic|Token)\s+/i, ''))
    }
    return resolved
  }
  const headers = (): Record<string, string> => (fixedHeaders ??= lowered(settings.headers?.()))
  const resolve = (target: string) => (/^https?:\/\//i.test(target) ? new URL(target) : new URL(target.replace(/^\//, ''), base))
  const runner = (call: CallSettings): CallRunner => ({
    provider: settings.provider,
    envVar: settings.envVar,
    policy: call.retry ? resolveRetryPolicy({ ...policy, ...call.retry }) : policy,
    sleep,
    random,
    now,
    redactor,
    log: settings.log,
    retryIf: call.retryIf,
  })

  const agent = () => (dispatcher ??= createAgent(settings.timeouts))

  async function sendJson<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    where: string,
    body: (() => string | ReturnType<typeof buildForm>) | undefined,
    call: JsonCall<T>,
    contentType?: string,
  ): Promise<HttpResult<T>> {
    const url = resolve(where)
    const fixed = headers()
    const target = `${method} ${safeUrl(url, redactor, { pathOnly: true })}`
    const reclassify = settings.reclassify
    const { value, attempts } = await runCall(runner(call), { ...call, method, url, target, timeouts: resolveTimeouts(settings.timeouts, call.timeouts) }, (time) =>
      jsonAttempt<T>({
        dispatcher: agent(),
        method,
        url,
        headers: { ...fixed, ...(contentType ? { 'content-type': contentType } : {}), ...lowered(call.headers) },
        body,
        parse: call.parse ?? ((json) => json as T),
        errorInBody: call.errorInBody ?? false,
        caller: call.call?.signal,
        ...time,
        maxBytes: settings.maxResponseBytes ?? 256 * 1024 * 1024,
        now,
      }).catch((error: unknown) => {
        throw reclassify !== undefined && error instanceof AttemptError ? reclassify(error) : error
      }),
    )
    return { value: value.value, requestId: value.requestId, attempts, status: value.status, headers: value.headers }
  }

  return {
    provider: settings.provider,
    redactor,
    requestJson: (method, target, body, call) => {
      const text = body === undefined ? undefined : JSON.stringify(body)
      return sendJson(method, target, text === undefined ? undefined : () => text, call, text === undefined ? undefined : 'application/json')
    },
    postJson(target, body, call) {
      const text = JSON.stringify(body)
      return sendJson('POST', target, () => text, call, 'application/json')
    },
    getJson: (target, call) => sendJson('GET', target, undefined, call),
    postMultipart: (target, parts, call) => sendJson('POST', target, () => buildForm(parts), call),
    async postForBytes(target, body, call) {
      const url = resolve(target)
      const text = JSON.stringify(body)
      const sent = { ...headers(), 'content-type': 'application/json', ...lowered(call.headers) }
      const input = { ...call, method: 'POST', url, target: `POST ${safeUrl(url, redactor, { pathOnly: true })}`, timeouts: resolveTimeouts(settings.timeouts, call.timeouts) }
      const { value, attempts } = await runCall(runner(call), input, (time) =>
        bytesAttempt({
          dispatcher: agent(),
          url,
          headers: sent,
          body: () => text,
          accept: call.accept ?? '*/*',
          parse: call.parse,
          caller: call.call?.signal,
          ...time,
          maxBytes: call.maxBytes ?? 256 * 1024 * 1024,
          now,
        }),
      )
      return { value: value.value, requestId: value.requestId, attempts, status: value.status, headers: value.headers }
    },
    async download(target, call) {
      const url = resolve(target)
      const auth = call.auth ?? url.origin === base.origin
      const sent = { accept: '*/*', ...(auth ? headers() : {}), ...lowered(call.headers) }
      const dir = call.dir ?? settings.downloadDir ?? path.join(os.tmpdir(), 'vimax-downloads')
      const display = `GET ${safeUrl(url, redactor).replace(/^https?:\/\//, '').replace(/\?.*$/, '')}`
      const input = { ...call, method: 'GET', url, target: display, timeouts: resolveTimeouts(settings.timeouts, call.timeouts) }
      const { value, attempts } = await runCall(runner(call), input, (time) =>
        downloadAttempt({
          dispatcher: agent(),
          url,
          headers: sent,
          expect: call.expect,
          dir,
          maxBytes: call.maxBytes ?? (call.expect === 'image' ? 50 * 1024 * 1024 : 2 * 1024 ** 3),
          maxRedirects: 5,
          caller: call.call?.signal,
          ...time,
          now,
        }),
      )
      return { value: { kind: 'file', path: value.path, mediaType: value.mediaType }, requestId: value.requestId, attempts, status: value.status }
    },
    fail(problem, ctx) {
      const context = { provider: settings.provider, model: ctx.model, subject: ctx.call?.subject, target: ctx.target ?? 'response', envVar: settings.envVar }
      return toProviderError(problem, context, { attempts: ctx.attempts ?? 1, requestId: ctx.requestId }, redactor)
    },
  }
}
