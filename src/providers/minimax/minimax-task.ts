import { badResponse } from '../http/index.js'
import { baseRespOf, isObject, isRefusal, minimaxFailure } from './minimax-errors.js'

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined)

export type MinimaxTaskState =
  | { readonly state: 'pending'; readonly status: string }
  | { readonly state: 'failed'; readonly message: string; readonly refused: boolean }
  | { readonly state: 'done'; readonly fileId: string }

/** `POST /v1/video_generation`: `{task_id, base_resp}`; a task without an id is lost (not retried). */
export function parseCreated(body: unknown): string {
  const base = baseRespOf(body)
  if (base.statusCode !== 0) throw minimaxFailure(base)
  const id = text((body as Record<string, unknown>).task_id)
  if (!id) throw badResponse('the create answer names no task_id', { retry: false })
  return id
}

/** `GET /v1/query/video_generation`: Preparing, Queueing, Processing, then Success (a file id) or Fail. */
export function parseQuery(body: unknown): MinimaxTaskState {
  const base = baseRespOf(body)
  const json = body as Record<string, unknown>
  // The sensitive-output check runs on the finished clip: the task is over, not the poll.
  if (isRefusal(base.statusCode)) return { state: 'failed', message: base.message, refused: true }
  if (base.statusCode !== 0) throw minimaxFailure(base)
  const status = text(json.status)
  if (!status) throw badResponse('the task has no status')
  if (/^fail/i.test(status)) return { state: 'failed', message: base.message === 'success' || base.message === 'no message' ? 'the task failed without a reason' : base.message, refused: false }
  // Any other status (and a newer one) is still running; the caller's deadline bounds it.
  if (!/^succe/i.test(status)) return { state: 'pending', status }
  const fileId = text(json.file_id) ?? (typeof json.file_id === 'number' ? String(json.file_id) : undefined)
  if (!fileId) return { state: 'failed', message: 'the task succeeded without a file_id', refused: false }
  return { state: 'done', fileId }
}

/** `GET /v1/files/retrieve`: the clip's download_url, which expires (about a day). */
export function parseFile(body: unknown): string {
  const base = baseRespOf(body)
  if (base.statusCode !== 0) throw minimaxFailure(base)
  const file = isObject((body as Record<string, unknown>).file) ? ((body as Record<string, unknown>).file as Record<string, unknown>) : {}
  const url = text(file.download_url)
  if (!url) throw badResponse('the file has no download_url')
  return url
}
