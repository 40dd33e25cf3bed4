import type { IncomingHttpHeaders, ServerResponse } from 'node:http'

/** Whose error envelope and request-id header the fake speaks. */
export type Dialect = 'openai' | 'openrouter' | 'gemini' | 'gemini-openai' | 'vllm' | 'ollama' | 'fal' | 'elevenlabs' | 'replicate'

export interface RecordedPart {
  readonly name: string
  readonly filename?: string
  readonly type?: string
  /** Text fields. */
  readonly value?: string
  /** File parts. */
  readonly bytes?: Uint8Array
}

export interface RecordedRequest {
  /** The route's name, or "unmatched". */
  readonly route: string
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly headers: IncomingHttpHeaders
  readonly params: Readonly<Record<string, string>>
  readonly body: Buffer
  /** The parsed body, when it was JSON. */
  readonly json?: unknown
  /** The parsed parts, when it was multipart. */
  readonly parts?: readonly RecordedPart[]
  /** Set when the client hung up before the response ended (an abort, a timeout). */
  aborted: boolean
}

/** The error a responder asks for; each dialect wraps it in its own envelope. */
export interface ErrorSpec {
  readonly message: string
  readonly type?: string
  readonly code?: string
  /** Google `details` entries (RetryInfo, QuotaFailure). */
  readonly details?: readonly unknown[]
  /** OpenRouter `metadata` (moderation reasons). */
  readonly metadata?: Readonly<Record<string, unknown>>
}

export interface Exchange {
  readonly request: RecordedRequest
  readonly res: ServerResponse
  readonly api: FakeApiHandle
  readonly dialect: Dialect
  /** Resolves after `ms`, or early when the client hangs up (check `res.destroyed` after). */
  wait(ms: number): Promise<void>
  json(status: number, body: unknown, headers?: Readonly<Record<string, string>>): void
  /** An error in the dialect's envelope. */
  error(status: number, error: ErrorSpec, headers?: Readonly<Record<string, string>>): void
  /** The route's own default answer (for faults that delay, then answer normally). */
  next(): Promise<void>
}

export type Responder = (exchange: Exchange) => void | Promise<void>

export interface Route {
  /** What tests script by: "chat", "images/generations", "files". */
  readonly name: string
  readonly method: string
  /** Matched against the path without query; named groups become `params`. */
  readonly path: RegExp
  /** Checks the auth header (default true); CDN-like routes need none. */
  readonly auth?: boolean
  readonly respond: Responder
}

export interface FakeApiHandle {
  readonly url: string
  readonly key: string
  /** Media served under /files/<name>. */
  readonly files: Map<string, { readonly body: Uint8Array | string; readonly type: string }>
}
