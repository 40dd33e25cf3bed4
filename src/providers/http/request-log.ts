/**
 * One line per attempt, for `--log-file`. Everything in it is already redacted: the URL carries
 * no query secrets and the error no key.
 */
export interface HttpLogEntry {
  readonly provider: string
  readonly model: string
  /** Shared by every attempt (and download) of one logical call. */
  readonly callId: string
  readonly requestId: string
  readonly method: string
  readonly url: string
  /** Undefined when no response came (timeout, reset). */
  readonly status?: number
  /** 1-based. */
  readonly attempt: number
  readonly ms: number
  readonly subject?: string
  readonly error?: { readonly code: string; readonly message: string }
  /** The wait before the next attempt, when there is one. */
  readonly retryInMs?: number
}

export type HttpLog = (entry: HttpLogEntry) => void
