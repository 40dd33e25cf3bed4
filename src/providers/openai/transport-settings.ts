import type { Dispatcher } from 'undici'
import type { Sleep } from '../../util/sleep.js'
import type { HttpClientSettings, HttpLog, Redactor, Timeouts } from '../http/index.js'

/**
 * Settings every HTTP provider takes besides its key and base URL: how to reach the network and
 * how hard to try. None of them changes an output, so none joins a cache key.
 */
export interface TransportSettings {
  /** Extra headers on every request. */
  readonly headers?: Readonly<Record<string, string>>
  /** A shared undici Agent (or a MockAgent); default: one of our own with explicit timeouts. */
  readonly dispatcher?: Dispatcher
  /** Where keys are read from, lazily at the first call; default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly timeouts?: Partial<Timeouts>
  /** Retries after the first attempt; default 3. */
  readonly maxRetries?: number
  /** The longest vendor-requested wait we sleep through (default 60 s); longer fails the call. */
  readonly maxRetryAfterMs?: number
  readonly sleep?: Sleep
  readonly random?: () => number
  /** One entry per attempt, redacted; the CLI writes them to --log-file. */
  readonly log?: HttpLog
  /** Shared with the CLI so every message it prints is scrubbed of every key. */
  readonly redactor?: Redactor
  /** Where downloaded media (dall-e URLs, videos) are written. */
  readonly downloadDir?: string
}

export function transportOf(settings: TransportSettings): Omit<HttpClientSettings, 'provider' | 'baseURL' | 'headers' | 'envVar'> {
  return {
    dispatcher: settings.dispatcher,
    timeouts: settings.timeouts,
    retry: {
      ...(settings.maxRetries === undefined ? {} : { maxRetries: settings.maxRetries }),
      ...(settings.maxRetryAfterMs === undefined ? {} : { maxRetryAfterMs: settings.maxRetryAfterMs }),
    },
    sleep: settings.sleep,
    random: settings.random,
    log: settings.log,
    redactor: settings.redactor,
    downloadDir: settings.downloadDir,
  }
}
