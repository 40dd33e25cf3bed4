import { badResponse } from '../http/index.js'
import type { JsonValue, VideoJob } from '../types.js'
import { klingBodyFailure } from './kling-errors.js'

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined)

export type KlingEndpoint = 'image2video' | 'text2video'

/** What a started task keeps on disk: its id and which endpoint polls it; never a key or token. */
export interface KlingTaskRef {
  readonly task_id: string
  readonly endpoint: KlingEndpoint
}

export type KlingTaskState =
  | { readonly state: 'pending'; readonly status: string }
  | { readonly state: 'failed'; readonly message: string; readonly refused: boolean }
  | { readonly state: 'done'; readonly url: string }

/** Kling's words for a task its risk control stopped, as `task_status_msg` carries them. */
const REFUSAL = /risk|polic|sensitive|safety|moderat|inappropriate|violat|prohibit/i

/** Every answer is `{code, message, request_id, data}`; a non-zero code is a failure even under 200. */
function dataOf(body: unknown): Json {
  if (!isObject(body)) throw badResponse('expected a Kling answer object')
  if (typeof body.code === 'number' && body.code !== 0) throw klingBodyFailure(body.code, text(body.message) ?? 'no message')
  if (!isObject(body.data)) throw badResponse('the Kling answer has no data')
  return body.data
}

/** A create answer must name its task; without an id the task is lost (and is not retried). */
export function parseCreated(body: unknown): string {
  const id = text(dataOf(body).task_id)
  if (!id) throw badResponse('the create answer names no task_id', { retry: false })
  return id
}

export function parseTask(body: unknown): KlingTaskState {
  const data = dataOf(body)
  const status = text(data.task_status)
  if (!status) throw badResponse('the task has no task_status')
  if (status === 'failed') {
    const message = text(data.task_status_msg) ?? 'the task failed without a reason'
    return { state: 'failed', message, refused: REFUSAL.test(message) }
  }
  // submitted, processing, and any newer state: still running; the caller's deadline bounds it.
  if (status !== 'succeed') return { state: 'pending', status }
  const result = isObject(data.task_result) ? data.task_result : {}
  const videos = Array.isArray(result.videos) ? result.videos.filter(isObject) : []
  const url = videos.map((video) => text(video.url)).find((value) => value !== undefined)
  if (!url) return { state: 'failed', message: 'the task succeeded without a video', refused: false }
  return { state: 'done', url }
}

/** The stored reference, checked: it comes back from disk and may predate this code. */
export function taskRefOf(job: VideoJob): KlingTaskRef {
  const state = job.state as { [key: string]: JsonValue } | undefined
  const endpoint = state && typeof state === 'object' && state.endpoint === 'text2video' ? 'text2video' : 'image2video'
  return { task_id: job.id, endpoint }
}
