import { isRefusalCode } from '../agents/failed-job-hint.js'
import { ProviderError } from '../errors.js'
import type { VideoStatus } from '../providers/types.js'

/**
 * Why a call may move to the next model of a fallback chain, as words for the warning
 * ("refused (…)"); undefined when it must not move. Only failures where nothing was accepted
 * (so nothing was billed) move: a refusal, input the model does not take, an outage past the
 * provider's retries. A timeout never moves — the vendor may have accepted the call, and a
 * video job that timed out while polling stays recorded for a rerun to resume.
 */
export function fallbackReason(error: unknown): string | undefined {
  if (!(error instanceof ProviderError)) return undefined
  const why = brief(error.message)
  switch (error.code) {
    case 'E_PROVIDER_REFUSED':
      return `refused (${why})`
    case 'E_PROVIDER_NETWORK':
    case 'E_PROVIDER_RATE_LIMIT':
      return `was unavailable (${why})`
    case 'E_PROVIDER_HTTP':
      if (error.status !== undefined && error.status >= 500) return `was unavailable (${why})`
      if (error.status === 400 || error.status === 422) return `rejected the input (${why})`
      return undefined
    default:
      return undefined
  }
}

/** A video job the vendor reports failed moves on only for a refusal or a failure on its side (neither is billed). */
export function failedJobReason(status: Extract<VideoStatus, { state: 'failed' }>): string | undefined {
  const code = status.code
  if (code !== undefined && isRefusalCode(code)) return `refused (${brief(status.message)})`
  if (code !== undefined && /^5\d\d$|UNAVAILABLE/i.test(code)) return `was unavailable (${brief(status.message)})`
  return undefined
}

/**
 * One line, short enough for a warning and a manifest field, without what the warning already
 * says: the model and subject ("fal:… (shot 2): ") and the request line ("POST /…: ").
 */
function brief(message: string): string {
  const line = (message.split('\n')[0] ?? message).replace(/^\S+:\S+ \([^)]*\): /, '').replace(/^(GET|POST|PUT|PATCH|DELETE) \S+: /, '')
  return line.length <= 160 ? line : `${line.slice(0, 159)}…`
}
