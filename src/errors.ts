/**
 * One error family. The class decides how the CLI treats a failure (its exit code); `code` is a
 * stable string scripts may match on; `hint` names the fix; `details` lists every problem when
 * there are several (spec validation reports them all at once).
 */
export interface VimaxErrorOptions {
  readonly code: string
  readonly hint?: string
  readonly cause?: unknown
  readonly details?: readonly string[]
  /**
   * Facts a script needs as values, not prose (the budget error's `cost_usd`): printed as
   * top-level fields of the `--json` error object, snake_case (README "JSON output").
   */
  readonly data?: Readonly<Record<string, unknown>>
}

export class VimaxError extends Error {
  override name = 'VimaxError'
  readonly code: string
  readonly hint: string | undefined
  readonly details: readonly string[]
  readonly data: Readonly<Record<string, unknown>>

  constructor(message: string, options: VimaxErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = options.code
    this.hint = options.hint
    this.details = options.details ?? []
    this.data = options.data ?? {}
  }
}

/** Bad flags, an invalid spec or config, an unknown model: the caller must change something. */
export class ConfigError extends VimaxError {
  override name = 'ConfigError'
}

export interface ProviderErrorOptions extends VimaxErrorOptions {
  readonly provider: string
  readonly model?: string
  readonly subject?: string
  readonly status?: number
  readonly requestId?: string
  readonly retryable?: boolean
  /** Milliseconds the vendor asked us to wait before retrying, when it said. */
  readonly retryAfterMs?: number
}

/** A provider failed after retries, refused, or returned something unusable. */
export class ProviderError extends VimaxError {
  override name = 'ProviderError'
  readonly provider: string
  readonly model: string | undefined
  readonly subject: string | undefined
  readonly status: number | undefined
  readonly requestId: string | undefined
  readonly retryable: boolean
  readonly retryAfterMs: number | undefined

  constructor(message: string, options: ProviderErrorOptions) {
    super(message, options)
    this.provider = options.provider
    this.model = options.model
    this.subject = options.subject
    this.status = options.status
    this.requestId = options.requestId
    this.retryable = options.retryable ?? false
    this.retryAfterMs = options.retryAfterMs
  }
}

/** A model's answer stayed invalid after the repair round-trip. */
export class AgentError extends VimaxError {
  override name = 'AgentError'
  /** Cache keys of the rejected answers, so they can be evicted rather than replayed on a rerun. */
  readonly cacheKeys: readonly string[]

  constructor(message: string, options: VimaxErrorOptions & { readonly cacheKeys?: readonly string[] }) {
    super(message, options)
    this.cacheKeys = options.cacheKeys ?? []
  }
}

/** ffmpeg or ffprobe is missing or failed; `details` holds the tail of its stderr. */
export class MediaError extends VimaxError {
  override name = 'MediaError'
}

/** A budget or a prune refused to go ahead. */
export class BudgetError extends VimaxError {
  override name = 'BudgetError'
}

/** The run was interrupted; finished work is cached. */
export class CancelledError extends VimaxError {
  override name = 'CancelledError'
  constructor(message = 'cancelled', options: Partial<VimaxErrorOptions> = {}) {
    super(message, { code: 'E_CANCELLED', hint: 'rerun the same command to resume', ...options })
  }
}

export function isVimaxError(value: unknown): value is VimaxError {
  return value instanceof VimaxError
}
