import { badResponse } from '../http/index.js'
import type { MediaKind } from '../http/index.js'

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** A file a workflow wrote, as `/view` takes it. */
export interface ComfyFile {
  readonly filename: string
  readonly subfolder: string
  readonly type: string
}

export type HistoryEntry =
  | { readonly state: 'absent' }
  | { readonly state: 'error'; readonly message: string }
  | { readonly state: 'done'; readonly files: readonly ComfyFile[] }

/** `GET /history/{id}`: `{}` until the prompt finished, then its outputs and status. */
export const parseHistory = (promptId: string) => (body: unknown): HistoryEntry => {
  if (!isObject(body)) throw badResponse('expected a history object')
  const entry = body[promptId]
  if (!isObject(entry)) return { state: 'absent' }
  const status = isObject(entry.status) ? entry.status : {}
  if (status.status_str === 'error') return { state: 'error', message: errorMessage(status.messages) }
  if (status.completed === false && status.status_str !== 'success') return { state: 'absent' }
  return { state: 'done', files: collectFiles(entry.outputs) }
}

/** The `execution_error` among the status messages, in ComfyUI's words. */
function errorMessage(messages: unknown): string {
  const list = Array.isArray(messages) ? messages : []
  for (const message of list) {
    if (!Array.isArray(message) || !isObject(message[1])) continue
    const [event, data] = message as [unknown, Json]
    if (event === 'execution_error') return `${String(data.node_type ?? 'a node')} (node ${String(data.node_id ?? '?')}): ${String(data.exception_message ?? 'failed').trim()}`
    if (event === 'execution_interrupted') return `interrupted at node ${String(data.node_id ?? '?')}`
  }
  return 'the workflow failed (no execution_error message)'
}

/**
 * Every `{filename, subfolder, type}` under any key of any output node: core nodes put videos
 * under `images` (with `animated`), VideoHelperSuite under `gifs`, others elsewhere.
 */
export function collectFiles(outputs: unknown): ComfyFile[] {
  if (!isObject(outputs)) return []
  const files: ComfyFile[] = []
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit)
    if (!isObject(value)) return
    if (typeof value.filename === 'string') {
      files.push({ filename: value.filename, subfolder: typeof value.subfolder === 'string' ? value.subfolder : '', type: typeof value.type === 'string' ? value.type : 'output' })
      return
    }
    Object.values(value).forEach(visit)
  }
  Object.values(outputs).forEach(visit)
  return files
}

const EXTENSIONS: Record<MediaKind, RegExp> = {
  image: /\.(png|jpe?g|webp)$/i,
  video: /\.(mp4|webm|mov|mkv)$/i,
}

/** The file to fetch: saved outputs before temp previews, the kind's file types first. */
export function pickFile(files: readonly ComfyFile[], kind: MediaKind): ComfyFile | undefined {
  const ranked = [...files].sort((a, b) => Number(b.type === 'output') - Number(a.type === 'output'))
  return ranked.find((file) => EXTENSIONS[kind].test(file.filename))
}

/** Whether `GET /queue` still holds the prompt, running or pending. */
export function inQueue(body: unknown, promptId: string): boolean {
  if (!isObject(body)) return true
  const entries = [body.queue_running, body.queue_pending].flatMap((list) => (Array.isArray(list) ? list : []))
  return entries.some((entry) => Array.isArray(entry) && entry[1] === promptId)
}
