import type { Exchange, Route } from './types.js'

/** How the fake's next predictions behave; read at create, so tests may change it between calls. */
export interface ReplicateFakeSettings {
  /** Polls answered `starting`, then `processing`, before the outcome. Default 1 and 1. */
  startingPolls?: number
  processingPolls?: number
  /** The terminal status: succeeded (default), failed (with `error`), canceled or aborted. */
  outcome?: 'succeeded' | 'failed' | 'canceled' | 'aborted'
  error?: string
  /** `Prefer: wait` returns the finished prediction (default true); false answers `processing`. */
  fastImages?: boolean
  /** Output as one URL string (default) or an array of URLs. */
  outputShape?: 'string' | 'array'
  /** Output URLs answer 404, as after Replicate removed the data. */
  dataRemoved?: boolean
}

export interface ReplicateFakePrediction {
  readonly id: string
  readonly model: string
  readonly version?: string
  readonly video: boolean
  readonly input: Record<string, unknown>
  settings: Readonly<ReplicateFakeSettings>
  polls: number
  canceled: boolean
}

export interface ReplicateFake {
  readonly routes: Route[]
  /** Predictions by id: delete one to make the fake forget it. */
  readonly predictions: Map<string, ReplicateFakePrediction>
}

const VIDEO_MODEL = /video|kling|wan|hailuo|veo|seedance/i

/**
 * Replicate's predictions API under `/v1`: create by model or by version (201, `Prefer: wait`
 * honoured), poll, cancel. Outputs point at the fake's CDN (`/files/…`, no auth); with
 * `dataRemoved` they point at a file that is not there.
 */
export function replicateFake(settings: ReplicateFakeSettings = {}): ReplicateFake {
  const predictions = new Map<string, ReplicateFakePrediction>()
  let counter = 0
  const create = (x: Exchange, model: string, version?: string) => {
    const body = x.request.json as { input?: Record<string, unknown>; version?: unknown } | undefined
    const input = body?.input
    if (!input || typeof input !== 'object') return x.error(422, { message: 'input is required', code: 'input' })
    if (typeof input.prompt !== 'string') return x.error(422, { message: 'Invalid type. Expected: string, given: null', code: 'input.prompt', type: 'invalid_type' })
    const prediction: ReplicateFakePrediction = {
      id: `pred${String(++counter).padStart(4, '0')}`,
      model,
      ...(version ? { version } : {}),
      video: VIDEO_MODEL.test(model),
      input,
      settings: { ...settings },
      polls: 0,
      canceled: false,
    }
    predictions.set(prediction.id, prediction)
    const waits = /^wait/.test(String(x.request.headers.prefer ?? ''))
    const done = waits && !prediction.video && prediction.settings.fastImages !== false
    if (done) prediction.polls = Number.MAX_SAFE_INTEGER
    x.json(201, view(x, prediction, done ? terminal(prediction) : waits ? 'processing' : 'starting'))
  }
  const routes: Route[] = [
    {
      name: 'replicate/create',
      method: 'POST',
      path: /^\/v1\/models\/(?<owner>[^/]+)\/(?<name>[^/]+)\/predictions$/,
      respond: (x) => create(x, `${x.request.params.owner}/${x.request.params.name}`),
    },
    {
      name: 'replicate/create-version',
      method: 'POST',
      path: /^\/v1\/predictions$/,
      respond(x) {
        const version = (x.request.json as { version?: unknown } | undefined)?.version
        if (typeof version !== 'string') return x.error(422, { message: 'version is required', code: 'version' })
        create(x, 'owner/versioned', version)
      },
    },
    {
      name: 'replicate/cancel',
      method: 'POST',
      path: /^\/v1\/predictions\/(?<id>[^/]+)\/cancel$/,
      respond(x) {
        const prediction = predictions.get(x.request.params.id ?? '')
        if (!prediction) return x.error(404, { message: 'Not found.' })
        prediction.canceled = true
        x.json(200, view(x, prediction, 'canceled'))
      },
    },
    {
      name: 'replicate/get',
      method: 'GET',
      path: /^\/v1\/predictions\/(?<id>[^/]+)$/,
      respond(x) {
        const prediction = predictions.get(x.request.params.id ?? '')
        if (!prediction) return x.error(404, { message: 'Not found.' })
        prediction.polls++
        const { startingPolls = 1, processingPolls = 1 } = prediction.settings
        if (prediction.canceled) return x.json(200, view(x, prediction, 'canceled'))
        if (prediction.polls <= startingPolls) return x.json(200, view(x, prediction, 'starting'))
        if (prediction.polls <= startingPolls + processingPolls) return x.json(200, view(x, prediction, 'processing'))
        x.json(200, view(x, prediction, terminal(prediction)))
      },
    },
  ]
  return { routes, predictions }
}

export function replicateRoutes(settings: ReplicateFakeSettings = {}): Route[] {
  return replicateFake(settings).routes
}

function terminal(prediction: ReplicateFakePrediction): string {
  return prediction.canceled ? 'canceled' : (prediction.settings.outcome ?? 'succeeded')
}

function view(x: Exchange, prediction: ReplicateFakePrediction, status: string) {
  const base = `${x.api.url}/v1/predictions/${prediction.id}`
  const succeeded = status === 'succeeded'
  const file = prediction.settings.dataRemoved ? 'removed.bin' : prediction.video ? (x.api.files.has('clip.mp4') ? 'clip.mp4' : 'tiny.mp4') : 'tiny.png'
  const url = `${x.api.url}/files/${file}`
  const output = succeeded ? (prediction.settings.outputShape === 'array' ? [url] : url) : null
  const error = status === 'failed' ? (prediction.settings.error ?? 'CUDA out of memory') : null
  return {
    id: prediction.id,
    model: prediction.model,
    version: prediction.version ?? 'hidden',
    input: prediction.input,
    output,
    logs: '',
    error,
    status,
    source: 'api',
    data_removed: false,
    created_at: new Date(0).toISOString(),
    urls: { get: base, cancel: `${base}/cancel`, stream: `${base}/stream` },
    ...(succeeded ? { metrics: { predict_time: 1.5, total_time: 2 } } : {}),
  }
}
