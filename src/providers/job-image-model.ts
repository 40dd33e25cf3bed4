import { ProviderError } from '../errors.js'
import type { Sleep } from '../util/sleep.js'
import { hintFor } from './http/index.js'
import type { ProviderErrorCode } from './http/index.js'
import type { CallOptions, ImageJob, ImageModel, ImageRequest, ImageResult, ImageStatus } from './types.js'

/** An image model that works as a job (a queue): a billable start, then polls. */
export interface ImageJobSpec extends Omit<ImageModel, 'generate'> {
  /** Billable: submits the request. A failed poll never repeats it. */
  start(request: ImageRequest, options: CallOptions): Promise<ImageJob>
  status(job: ImageJob, options: CallOptions): Promise<ImageStatus>
  readonly pollIntervalMs: number
  /** Polling gives up after about this long; the job stays recorded, so a rerun resumes it. */
  readonly timeoutMs: number
  readonly sleep: Sleep
}

/** Codes a vendor's failed status may carry that say more than "it failed". */
const OWN_CODES = new Set<ProviderErrorCode>(['E_PROVIDER_REFUSED', 'E_PROVIDER_EMPTY'])

/**
 * `generate` as start + poll, written once for every job-based image model. Whoever keeps jobs
 * across crashes (the cache layer) joins through `options.job`: a recorded job is resumed instead
 * of started, and a new one is handed over before the first wait on it.
 *
 * Decision: the job stays inside `generate` rather than surfacing as `start`/`status` on
 * ImageModel, because every wrapper (lane, meter, events, a dry run's placeholder) wraps
 * `generate`: a `start` passed through their spreads would bypass the lane, the budget and — in a
 * dry run — the placeholder, and pay for real.
 */
export function jobImageModel(spec: ImageJobSpec): ImageModel {
  const { start, status, pollIntervalMs, timeoutMs, sleep, ...info } = spec
  const maxPolls = Math.max(1, Math.ceil(timeoutMs / Math.max(1, pollIntervalMs)))
  const who = (options: CallOptions) => `${info.provider}:${info.modelId}${options.subject ? ` (${options.subject})` : ''}`

  return {
    ...info,
    async generate(request, options = {}): Promise<ImageResult> {
      const hooks = options.job
      const job = hooks?.resume ?? (await start(request, options))
      if (hooks?.resume === undefined) await hooks?.started?.(job)
      for (let polls = 1; ; polls++) {
        const polled = await status(job, options)
        if (polled.state === 'done') {
          const { state: _state, ...result } = polled
          const warnings = [...(job.warnings ?? []), ...(result.warnings ?? [])]
          return {
            ...result,
            requestId: result.requestId ?? job.requestId ?? job.id,
            ...(job.attempts === undefined ? {} : { attempts: job.attempts }),
            ...(warnings.length === 0 ? {} : { warnings }),
          }
        }
        if (polled.state === 'failed') {
          await hooks?.failed?.(job)
          const code = polled.code !== undefined && OWN_CODES.has(polled.code as ProviderErrorCode) ? (polled.code as ProviderErrorCode) : 'E_PROVIDER_FAILED'
          throw new ProviderError(`${who(options)}: image request ${job.id} failed: ${polled.message}`, {
            code,
            provider: info.provider,
            model: info.modelId,
            ...(options.subject === undefined ? {} : { subject: options.subject }),
            requestId: job.id,
            hint: hintFor(code, undefined, { provider: info.provider, model: info.modelId, subject: options.subject, target: '' }),
          })
        }
        if (polls >= maxPolls) {
          throw new ProviderError(`${who(options)}: image request ${job.id} still ${polled.detail ?? 'pending'} after ${polls} polls (${Math.round(timeoutMs / 1000)} s)`, {
            code: 'E_PROVIDER_TIMEOUT',
            provider: info.provider,
            model: info.modelId,
            ...(options.subject === undefined ? {} : { subject: options.subject }),
            requestId: job.id,
            retryable: true,
            hint: 'rerun to resume polling the same request (it is not submitted again)',
          })
        }
        await sleep(pollIntervalMs, options.signal)
      }
    },
  }
}
