import type { Exchange, Responder, Route } from './types.js'

/** How the fake's next tasks behave; read when a task is created, so a test may change it between calls. */
export interface MinimaxFakeSettings {
  /** Polls answered Preparing, Queueing, then Processing before the outcome. Default 2. */
  pendingPolls?: number
  /** Default "Success"; "Sensitive" is a finished clip the output check withheld (status_code 1027). */
  outcome?: 'Success' | 'Fail' | 'Sensitive'
  /** Only tasks whose prompt contains this text get `outcome`; the others succeed. */
  outcomeFor?: string
  /** The CDN file the download_url points at; default "clip.mp4" when the test put one in `api.files`, else "tiny.mp4". */
  videoFile?: string
}

export interface MinimaxFakeTask {
  readonly id: string
  /** Copied at create; a test may replace it (to release a stuck task, say). */
  settings: Readonly<MinimaxFakeSettings>
  polls: number
}

export interface MinimaxFake {
  readonly routes: Route[]
  readonly tasks: Map<string, MinimaxFakeTask>
}

const ok = { status_code: 0, status_msg: 'success' }

/** MiniMax's way to fail: an HTTP 200 whose `base_resp.status_code` is not 0. */
export const minimaxError = (statusCode: number, message: string): Responder => (x) =>
  x.json(200, { base_resp: { status_code: statusCode, status_msg: message } })

/**
 * MiniMax Hailuo video: `POST /v1/video_generation`, `GET /v1/query/video_generation?task_id=`,
 * `GET /v1/files/retrieve?file_id=` (a download_url on the fake's CDN path, no auth). Bearer auth
 * is the server's.
 */
export function minimaxFake(settings: MinimaxFakeSettings = {}): MinimaxFake {
  const tasks = new Map<string, MinimaxFakeTask>()
  let counter = 0
  const routes: Route[] = [
    {
      name: 'minimax/create',
      method: 'POST',
      path: /^\/v1\/video_generation$/,
      respond(x) {
        const body = (x.request.json ?? {}) as Record<string, unknown>
        if (typeof body.model !== 'string' || typeof body.prompt !== 'string') return minimaxError(2013, 'invalid params, model and prompt are required')(x)
        if (body.duration !== undefined && body.duration !== 6 && body.duration !== 10) return minimaxError(2013, 'invalid params, duration must be 6 or 10')(x)
        if (body.first_frame_image !== undefined && !/^(data:image\/\w+;base64,|https?:\/\/)/.test(String(body.first_frame_image))) {
          return minimaxError(2013, 'invalid params, first_frame_image must be a URL or a data URL')(x)
        }
        const id = `${1_000_000 + ++counter}`
        const chosen = settings.outcomeFor === undefined || body.prompt.includes(settings.outcomeFor)
        tasks.set(id, { id, settings: chosen ? { ...settings } : { ...settings, outcome: 'Success' }, polls: 0 })
        x.json(200, { task_id: id, base_resp: ok })
      },
    },
    {
      name: 'minimax/query',
      method: 'GET',
      path: /^\/v1\/query\/video_generation$/,
      respond(x) {
        const task = tasks.get(x.request.query.task_id ?? '')
        if (!task) return x.json(404, { base_resp: { status_code: 1000, status_msg: 'task not found' } })
        task.polls++
        const pending = task.settings.pendingPolls ?? 2
        if (task.polls <= pending) return x.json(200, { task_id: task.id, status: ['Preparing', 'Queueing', 'Processing'][Math.min(task.polls - 1, 2)], base_resp: ok })
        const outcome = task.settings.outcome ?? 'Success'
        if (outcome === 'Fail') return x.json(200, { task_id: task.id, status: 'Fail', base_resp: { status_code: 0, status_msg: 'video generation failed' } })
        if (outcome === 'Sensitive') return x.json(200, { task_id: task.id, status: 'Fail', base_resp: { status_code: 1027, status_msg: 'output video sensitive' } })
        x.json(200, { task_id: task.id, status: 'Success', file_id: `file-${task.id}`, video_width: 1366, video_height: 768, base_resp: ok })
      },
    },
    {
      name: 'minimax/retrieve',
      method: 'GET',
      path: /^\/v1\/files\/retrieve$/,
      respond(x: Exchange) {
        const id = (x.request.query.file_id ?? '').replace(/^file-/, '')
        const task = tasks.get(id)
        if (!task) return minimaxError(1000, 'file not found')(x)
        const file = task.settings.videoFile ?? (x.api.files.has('clip.mp4') ? 'clip.mp4' : 'tiny.mp4')
        x.json(200, {
          file: { file_id: `file-${id}`, bytes: 1024, created_at: 1_767_225_600, filename: 'output.mp4', purpose: 'video_generation', download_url: `${x.api.url}/files/${file}` },
          base_resp: ok,
        })
      },
    },
  ]
  return { routes, tasks }
}
