import { TINY_MP4, TINY_PNG_BASE64 } from './media.js'
import { status } from './faults.js'
import type { Exchange, Responder, Route } from './types.js'

/**
 * How the fake's next video jobs behave; read when a job is created, so a test may change it
 * between calls (and should reset it in beforeEach).
 */
export interface OpenRouterFakeSettings {
  /** Polls answered `pending`, then `in_progress`, before the outcome. Default 2. */
  pendingPolls?: number
  /** Default "completed". */
  outcome?: 'completed' | 'failed' | 'cancelled' | 'expired'
  /** The `error` of a failed job. */
  error?: string
  /** Default "relative" (`/api/v1/videos/<id>`), as the SDK example shows. */
  pollingUrl?: 'relative' | 'absolute'
  /** A status string the client does not know, answered instead of `in_progress`. */
  unknownStatus?: string
  /** Completed jobs list no unsigned_urls, so the client must fall back to /content. */
  noUnsignedUrls?: boolean
  /** Served by /content; default `api.files.get('clip.mp4')`, else TINY_MP4 (sniffable only). */
  video?: Uint8Array
  /** Only jobs whose prompt contains this text get `outcome`; the others complete. */
  outcomeFor?: string
}

interface FakeJob {
  readonly id: string
  readonly settings: Readonly<OpenRouterFakeSettings>
  polls: number
}

/** OpenRouter's images and video-job routes, one fresh job table per call. */
export function openrouterRoutes(settings: OpenRouterFakeSettings = {}): Route[] {
  const jobs = new Map<string, FakeJob>()
  let counter = 0
  const jobOf = (x: Exchange) => jobs.get(x.request.params.id ?? '')
  return [
    {
      name: 'images',
      method: 'POST',
      path: /\/api\/v1\/images$/,
      respond: ({ json }) => json(200, { created: 1_767_225_600, data: [{ b64_json: TINY_PNG_BASE64, media_type: 'image/png' }], usage: { cost: 0.039 } }),
    },
    {
      name: 'videos',
      method: 'POST',
      path: /\/api\/v1\/videos$/,
      respond(x) {
        const body = x.request.json as { model?: unknown; prompt?: unknown } | undefined
        if (typeof body?.model !== 'string') return x.error(400, { message: 'model is required' })
        const id = `job-${++counter}`
        const chosen = settings.outcomeFor === undefined || String(body.prompt).includes(settings.outcomeFor)
        jobs.set(id, { id, settings: chosen ? { ...settings } : { ...settings, outcome: 'completed' }, polls: 0 })
        const path = `/api/v1/videos/${id}`
        x.json(202, { id, polling_url: settings.pollingUrl === 'absolute' ? `${x.api.url}${path}` : path, status: 'pending' })
      },
    },
    {
      name: 'videos/content',
      method: 'GET',
      path: /\/api\/v1\/videos\/(?<id>[^/]+)\/content$/,
      respond(x) {
        const job = jobOf(x)
        if (!job || job.polls <= (job.settings.pendingPolls ?? 2)) return x.error(404, { message: 'video not ready or not found' })
        const body = Buffer.from(job.settings.video ?? x.api.files.get('clip.mp4')?.body ?? TINY_MP4)
        x.res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(body.length) }).end(body)
      },
    },
    {
      name: 'videos/status',
      method: 'GET',
      path: /\/api\/v1\/videos\/(?<id>[^/]+)$/,
      respond(x) {
        const job = jobOf(x)
        if (!job) return x.error(404, { message: 'video job not found' })
        x.json(200, jobView(job, x.api.url))
      },
    },
  ]
}

function jobView(job: FakeJob, url: string) {
  const { settings, id } = job
  job.polls++
  const pending = settings.pendingPolls ?? 2
  if (job.polls <= pending) return { id, status: job.polls === 1 ? 'pending' : (settings.unknownStatus ?? 'in_progress') }
  const outcome = settings.outcome ?? 'completed'
  if (outcome !== 'completed') return { id, status: outcome, error: settings.error ?? `the job was ${outcome}` }
  const unsigned = settings.noUnsignedUrls ? [] : [`${url}/api/v1/videos/${id}/content?index=0`]
  return { id, status: 'completed', generation_id: `gen-${id}`, unsigned_urls: unsigned, usage: { cost: 0.4, is_byok: false } }
}

/** OpenRouter's out-of-credit answer: never worth retrying. */
export const insufficientCredits: Responder = status(402, { message: 'Insufficient credits. Add more using https://openrouter.ai/credits' })

/** A 429 as OpenRouter sends it, with its rate-limit headers. */
export const openrouterRateLimit = (retryAfter = 1): Responder =>
  status(429, { message: 'Rate limit exceeded' }, {
    'retry-after': String(retryAfter),
    'x-ratelimit-limit': '20',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String(Date.now() + retryAfter * 1000),
  })
