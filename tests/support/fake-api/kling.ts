import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Exchange, Responder, Route } from './types.js'

/** The key pair the fake signs with; tests hand them to the provider as KLING_ACCESS_KEY / KLING_SECRET_KEY. */
export const KLING_TEST_ACCESS_KEY = 'ak-kling-test-0123456789abcdef'
export const KLING_TEST_SECRET_KEY = 'kling-secret-fedcba9876543210'

/** How the fake's next tasks behave; read when a task is created, so a test may change it between calls. */
export interface KlingFakeSettings {
  /** Polls answered `submitted`, then `processing`, before the outcome. Default 2. */
  pendingPolls?: number
  /** Default "succeed". */
  outcome?: 'succeed' | 'failed'
  /** The `task_status_msg` of a failed task. */
  failMessage?: string
  /** Only tasks whose prompt contains this text get `outcome`; the others succeed. */
  outcomeFor?: string
  /** The CDN file the result points at; default "clip.mp4" when the test put one in `api.files`, else "tiny.mp4". */
  videoFile?: string
}

export interface KlingFakeTask {
  readonly id: string
  readonly endpoint: string
  /** Copied at create; a test may replace it (to release a stuck task, say). */
  settings: Readonly<KlingFakeSettings>
  polls: number
}

export interface KlingFake {
  readonly routes: Route[]
  /** Tasks by id: delete one to make the fake forget it. */
  readonly tasks: Map<string, KlingFakeTask>
}

let requestCounter = 0

/** Kling's envelope for an answer: `{code, message, request_id, data}`. */
const answer = (x: Exchange, status: number, code: number, message: string, data?: unknown) =>
  x.json(status, { code, message, request_id: `kling-req-${++requestCounter}`, ...(data === undefined ? {} : { data }) })

/** A failure as Kling sends it: its HTTP status and its own body code. */
export const klingError = (status: number, code: number, message: string, headers: Record<string, string> = {}): Responder => (x) =>
  x.json(status, { code, message, request_id: `kling-req-${++requestCounter}` }, headers)

/** Why a request's token is not one Kling would accept, or undefined when it is. */
export function jwtProblem(authorization: string | undefined, nowS = Math.floor(Date.now() / 1000)): string | undefined {
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorization ?? '')
  if (!match) return 'Authorization is not "Bearer <jwt>"'
  const [, header, payload, signature] = match as unknown as [string, string, string, string]
  const expected = createHmac('sha256', KLING_TEST_SECRET_KEY).update(`${header}.${payload}`).digest()
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'signature does not verify with the secret key'
  const head = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string; typ?: string }
  if (head.alg !== 'HS256' || head.typ !== 'JWT') return 'header is not {alg: HS256, typ: JWT}'
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { iss?: string; exp?: number; nbf?: number }
  if (claims.iss !== KLING_TEST_ACCESS_KEY) return 'iss is not the access key'
  if (typeof claims.exp !== 'number' || claims.exp <= nowS) return 'token expired'
  if (typeof claims.nbf !== 'number' || claims.nbf > nowS) return 'token not yet valid'
  return undefined
}

/**
 * Kling's official video API: create under `/v1/videos/{image2video|text2video}`, query
 * `/v1/videos/{endpoint}/{task_id}`. Every request must carry a JWT signed with the test secret
 * (checked here, so the server's own auth is off for these routes).
 */
export function klingFake(settings: KlingFakeSettings = {}): KlingFake {
  const tasks = new Map<string, KlingFakeTask>()
  let counter = 0
  const authorized = (x: Exchange) => {
    const problem = jwtProblem(x.request.headers.authorization)
    if (problem) answer(x, 401, 1000, `Authentication failed: ${problem}`)
    return problem === undefined
  }
  const routes: Route[] = [
    {
      name: 'kling/create',
      method: 'POST',
      path: /^\/v1\/videos\/(?<endpoint>image2video|text2video)$/,
      auth: false,
      respond(x) {
        if (!authorized(x)) return
        const body = (x.request.json ?? {}) as Record<string, unknown>
        const endpoint = x.request.params.endpoint ?? ''
        if (typeof body.model_name !== 'string') return answer(x, 400, 1201, 'model_name is invalid')
        if (body.duration !== '5' && body.duration !== '10') return answer(x, 400, 1201, 'duration must be "5" or "10"')
        if (endpoint === 'image2video' && (typeof body.image !== 'string' || body.image.startsWith('data:') || !/^[A-Za-z0-9+/=]+$/.test(body.image))) {
          return answer(x, 400, 1201, 'image must be a URL or bare base64 (no data: prefix)')
        }
        const id = `kling-task-${++counter}`
        const chosen = settings.outcomeFor === undefined || String(body.prompt).includes(settings.outcomeFor)
        tasks.set(id, { id, endpoint, settings: chosen ? { ...settings } : { ...settings, outcome: 'succeed' }, polls: 0 })
        answer(x, 200, 0, 'SUCCEED', { task_id: id, task_status: 'submitted', created_at: 1_767_225_600_000, updated_at: 1_767_225_600_000 })
      },
    },
    {
      name: 'kling/task',
      method: 'GET',
      path: /^\/v1\/videos\/(?<endpoint>image2video|text2video)\/(?<id>[^/]+)$/,
      auth: false,
      respond(x) {
        if (!authorized(x)) return
        const task = tasks.get(x.request.params.id ?? '')
        if (!task || task.endpoint !== x.request.params.endpoint) return answer(x, 404, 1203, 'task not found')
        task.polls++
        const pending = task.settings.pendingPolls ?? 2
        const base = { task_id: task.id, created_at: 1_767_225_600_000, updated_at: 1_767_225_600_000 }
        if (task.polls <= pending) return answer(x, 200, 0, 'SUCCEED', { ...base, task_status: task.polls === 1 ? 'submitted' : 'processing' })
        if (task.settings.outcome === 'failed') {
          return answer(x, 200, 0, 'SUCCEED', { ...base, task_status: 'failed', task_status_msg: task.settings.failMessage ?? 'internal error' })
        }
        const file = task.settings.videoFile ?? (x.api.files.has('clip.mp4') ? 'clip.mp4' : 'tiny.mp4')
        answer(x, 200, 0, 'SUCCEED', { ...base, task_status: 'succeed', task_result: { videos: [{ id: `video-${task.id}`, url: `${x.api.url}/files/${file}`, duration: '5.1' }] } })
      },
    },
  ]
  return { routes, tasks }
}
