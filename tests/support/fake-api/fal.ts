import type { Exchange, Route } from './types.js'

/** How the fake's next queued requests behave; read at submit, so tests may change it between calls. */
export interface FalFakeSettings {
  /** Status polls answered IN_QUEUE (with a falling queue_position), then IN_PROGRESS. Default 2 and 1. */
  queuedPolls?: number
  runningPolls?: number
  /** Never leaves IN_QUEUE. */
  stuck?: boolean
  /** Only video requests never leave IN_QUEUE; images go through. */
  stuckVideo?: boolean
  /** Answered instead of IN_PROGRESS: a status string the client does not know. */
  unknownStatus?: string
  /**
   * What the result fetch gives once COMPLETED: the output (default), a 422 validation failure,
   * or a runner failure (503 runner_scheduling_failure, 504 request_timeout).
   */
  outcome?: 'ok' | 'invalid' | 'runner' | 'timeout'
  /** The CDN file the output points at; default "clip.mp4" when the test put one in `api.files`, else "tiny.mp4". */
  videoFile?: string
}

export interface FalFakeRequest {
  readonly id: string
  readonly app: string
  readonly video: boolean
  /** Submitted with `generate_audio: true`: the output is "clip-sound.mp4" when the test put one in `api.files`. */
  readonly audio: boolean
  /** Copied at submit; a test may replace it (to release a stuck request, say). */
  settings: Readonly<FalFakeSettings>
  polls: number
  cancelled: boolean
}

type FakeRequest = FalFakeRequest

export interface FalFake {
  readonly routes: Route[]
  /** Requests the queue knows, by id: delete one to make the fake forget it (a request fal expired). */
  readonly requests: Map<string, FalFakeRequest>
}

const APP = '(?<owner>[^/]+)\\/(?<app>[^/]+)'

/**
 * fal's queue: submit to `/{owner}/{app}/{path…}`; status, result and cancel live under
 * `/{owner}/{app}/requests/{id}` — without the sub-path, as the real queue does. Media are
 * served from the fake's own CDN path (`/files/…`, no auth).
 */
export function falRoutes(settings: FalFakeSettings = {}): Route[] {
  return falFake(settings).routes
}

/** The same queue, with its request table for tests that make it forget or release requests. */
export function falFake(settings: FalFakeSettings = {}): FalFake {
  const requests = new Map<string, FakeRequest>()
  let counter = 0
  const find = (x: Exchange) => {
    const found = requests.get(x.request.params.id ?? '')
    return found && found.app === `${x.request.params.owner}/${x.request.params.app}` ? found : undefined
  }
  const urls = (x: Exchange, request: FakeRequest) => {
    const base = `${x.api.url}/${request.app}/requests/${request.id}`
    return { request_id: request.id, status_url: `${base}/status`, response_url: base, cancel_url: `${base}/cancel` }
  }
  const routes: Route[] = [
    {
      name: 'fal/status',
      method: 'GET',
      path: new RegExp(`^\\/${APP}\\/requests\\/(?<id>[^/]+)\\/status$`),
      respond(x) {
        const request = find(x)
        if (!request) return x.error(404, { message: 'Request not found' })
        request.polls++
        const { queuedPolls = 2, runningPolls = 1, unknownStatus } = request.settings
        const stuck = request.settings.stuck || (request.video && request.settings.stuckVideo)
        const common = urls(x, request)
        if (stuck || request.polls <= queuedPolls) {
          return x.json(202, { status: 'IN_QUEUE', ...common, queue_position: stuck ? 3 : queuedPolls - request.polls })
        }
        if (request.polls <= queuedPolls + runningPolls) {
          const logs = x.request.query.logs === '1' ? [{ message: 'step 1/4', level: 'INFO', source: 'user', timestamp: new Date(0).toISOString() }] : []
          return x.json(202, { status: unknownStatus ?? 'IN_PROGRESS', ...common, ...(x.request.query.logs === '1' ? { logs } : {}) })
        }
        x.json(200, { status: 'COMPLETED', ...common, metrics: { inference_time: 1.25 }, ...(x.request.query.logs === '1' ? { logs: [] } : {}) })
      },
    },
    {
      name: 'fal/cancel',
      method: 'PUT',
      path: new RegExp(`^\\/${APP}\\/requests\\/(?<id>[^/]+)\\/cancel$`),
      respond(x) {
        const request = find(x)
        if (!request) return x.error(404, { message: 'Request not found' })
        request.cancelled = true
        x.json(202, { status: 'CANCELLATION_REQUESTED' })
      },
    },
    {
      name: 'fal/result',
      method: 'GET',
      path: new RegExp(`^\\/${APP}\\/requests\\/(?<id>[^/]+)$`),
      respond(x) {
        const request = find(x)
        if (!request) return x.error(404, { message: 'Request not found' })
        const { queuedPolls = 2, runningPolls = 1, outcome = 'ok' } = request.settings
        const stuck = request.settings.stuck || (request.video && request.settings.stuckVideo)
        if (stuck || request.polls <= queuedPolls + runningPolls) return x.error(400, { message: 'Request is still in progress' })
        if (request.cancelled) return x.error(400, { message: 'Request was cancelled', type: 'client_cancelled' })
        if (outcome === 'invalid') return x.error(422, { message: 'Input image is too small (min 300px)' })
        if (outcome === 'runner') return x.error(503, { message: 'Runner could not be scheduled', type: 'runner_scheduling_failure' })
        if (outcome === 'timeout') return x.error(504, { message: 'Request timed out', type: 'request_timeout' })
        x.json(200, output(x, request))
      },
    },
    {
      name: 'fal/submit',
      method: 'POST',
      path: new RegExp(`^\\/${APP}(?:\\/(?<path>.+))?$`),
      respond(x) {
        const body = x.request.json as { prompt?: unknown; generate_audio?: unknown; reference_image_urls?: unknown } | undefined
        if (typeof body?.prompt !== 'string') return x.error(422, { message: 'field required' })
        if (body.generate_audio !== undefined && typeof body.generate_audio !== 'boolean') return x.error(422, { message: 'generate_audio: value is not a valid boolean' })
        const references = body.reference_image_urls
        if (references !== undefined && (!Array.isArray(references) || !references.every((url) => typeof url === 'string'))) {
          return x.error(422, { message: 'reference_image_urls: value is not a valid list of strings' })
        }
        const app = `${x.request.params.owner}/${x.request.params.app}`
        const video = app.includes('video') || app.startsWith('fal-ai/veo') || app.startsWith('fal-ai/vidu')
        const request: FakeRequest = { id: `req-${++counter}`, app, video, audio: body.generate_audio === true, settings: { ...settings }, polls: 0, cancelled: false }
        requests.set(request.id, request)
        x.json(200, { status: 'IN_QUEUE', ...urls(x, request), queue_position: request.settings.queuedPolls ?? 2 })
      },
    },
  ]
  return { routes, requests }
}

function output(x: Exchange, request: FakeRequest) {
  if (!request.video) {
    return { images: [{ url: `${x.api.url}/files/tiny.png`, width: 1, height: 1, content_type: 'image/png' }], seed: 42, has_nsfw_concepts: [false], timings: { inference: 0.4 } }
  }
  const sound = request.audio && x.api.files.has('clip-sound.mp4') ? 'clip-sound.mp4' : undefined
  const file = request.settings.videoFile ?? sound ?? (x.api.files.has('clip.mp4') ? 'clip.mp4' : 'tiny.mp4')
  return { video: { url: `${x.api.url}/files/${file}`, content_type: 'video/mp4', file_name: file, file_size: 1024 } }
}
