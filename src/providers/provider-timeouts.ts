import type { ProviderConfig } from '../config/config-schema.js'
import { parseDuration } from '../config/parse-duration.js'
import { DEFAULT_TIMEOUTS, type Timeouts } from './http/timeouts.js'

export interface ProviderTimeouts {
  /** For the HTTP layer; only what the entry sets. */
  readonly http: Partial<Timeouts>
  /** `timeouts.video_job`: how long a video job may run before the run stops waiting. */
  readonly videoJobMs?: number
  /** `timeouts.image_job`: how long a queued image request may wait (fal). */
  readonly imageJobMs?: number
}

/** `providers.<id>.timeouts` (and the older `timeout`) in milliseconds. */
export function providerTimeouts(id: string, config: ProviderConfig): ProviderTimeouts {
  const given = config.timeouts ?? {}
  const ms = (text: string | undefined, field: string) => (text === undefined ? undefined : parseDuration(text, `providers.${id}.${field}`))
  const headersMs = ms(given.request, 'timeouts.request')
  const idleMs = ms(given.body, 'timeouts.body')
  const totalMs = ms(given.total, 'timeouts.total') ?? ms(config.timeout, 'timeout')
  const videoJobMs = ms(given.video_job, 'timeouts.video_job')
  const imageJobMs = ms(given.image_job, 'timeouts.image_job')
  return {
    http: {
      ...(headersMs !== undefined && { headersMs, attemptMs: Math.max(DEFAULT_TIMEOUTS.attemptMs, headersMs) }),
      ...(idleMs !== undefined && { idleMs }),
      ...(totalMs !== undefined && { totalMs }),
    },
    ...(videoJobMs !== undefined && { videoJobMs }),
    ...(imageJobMs !== undefined && { imageJobMs }),
  }
}
