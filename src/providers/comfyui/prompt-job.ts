import { createHash } from 'node:crypto'
import { ProviderError } from '../../errors.js'
import { badResponse, type HttpClient, type MediaKind, responseProblem, retryIfUnprocessed } from '../http/index.js'
import { asJobGone } from '../job-gone.js'
import type { CallOptions, ImageInput, JsonValue, Media, VideoJob } from '../types.js'
import { inQueue, parseHistory, pickFile } from './history.js'
import type { ProgressSocket } from './progress-socket.js'
import type { ComfyGraph } from './workflow.js'

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

export interface ComfyContext {
  readonly client: HttpClient
  readonly socket: ProgressSocket
  readonly clientId: string
  readonly model: string
  readonly kind: MediaKind
  readonly downloadDir?: string | undefined
}

export type PromptStatus =
  | { readonly state: 'pending'; readonly progress?: number; readonly detail: string }
  | { readonly state: 'failed'; readonly message: string; readonly code: string }
  | { readonly state: 'done'; readonly media: Media; readonly requestId: string; readonly attempts: number }

/** Even with the socket open and quiet, every this many polls /history is asked (long silences are normal). */
const BACKSTOP_EVERY = 10

/**
 * `POST /upload/image`: the input image goes into ComfyUI's input folder under a name made from
 * its bytes, so a retry or a rerun overwrites the same file. Returns what a LoadImage node takes.
 */
export async function uploadImage(ctx: ComfyContext, image: Pick<ImageInput, 'bytes' | 'mediaType'>, call: CallOptions): Promise<string> {
  const ext = image.mediaType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'png'
  const filename = `vimax-${createHash('sha256').update(image.bytes).digest('hex').slice(0, 16)}.${ext}`
  const parts = [
    { name: 'image', data: image.bytes, mediaType: image.mediaType, filename },
    { name: 'overwrite', value: 'true' },
  ]
  const uploaded = await ctx.client.postMultipart('upload/image', parts, { model: ctx.model, call, parse: parseUploaded })
  return uploaded.value
}

function parseUploaded(body: unknown): string {
  if (!isObject(body) || typeof body.name !== 'string') throw badResponse('the upload answer has no name')
  return typeof body.subfolder === 'string' && body.subfolder !== '' ? `${body.subfolder}/${body.name}` : body.name
}

/** `POST /prompt` with our client id, so the socket hears its events; retried only when nothing was queued. */
export async function queuePrompt(ctx: ComfyContext, graph: ComfyGraph, call: CallOptions): Promise<VideoJob> {
  await ctx.socket.ready()
  const queued = await ctx.client.postJson('prompt', { prompt: graph as unknown as JsonValue, client_id: ctx.clientId }, { model: ctx.model, call, retryIf: retryIfUnprocessed, parse: parseQueued })
  ctx.socket.watch(queued.value)
  return { id: queued.value, state: { prompt_id: queued.value, client_id: ctx.clientId }, requestId: queued.requestId, attempts: queued.attempts }
}

function parseQueued(body: unknown): string {
  if (!isObject(body) || typeof body.prompt_id !== 'string' || body.prompt_id === '') throw badResponse('the /prompt answer has no prompt_id')
  return body.prompt_id
}

/**
 * One look at a prompt. While the socket is open and has not heard it finish, its progress is
 * the answer (no request); otherwise — the socket dropped, the prompt finished, a resumed job
 * this process never watched, or every BACKSTOP_EVERY polls — `/history/{id}` decides, and the
 * finished prompt's output is fetched through `/view`.
 */
export async function pollPrompt(ctx: ComfyContext, job: VideoJob, call: CallOptions, polls: number): Promise<PromptStatus> {
  const heard = ctx.socket.progress(job.id)
  const progress = heard?.progress === undefined ? {} : { progress: heard.progress }
  if (ctx.socket.open && heard && !heard.finished && polls % BACKSTOP_EVERY !== 0) return { state: 'pending', detail: 'running', ...progress }
  const settings = { model: ctx.model, call }
  try {
    let entry = (await ctx.client.getJson(`history/${encodeURIComponent(job.id)}`, { ...settings, parse: parseHistory(job.id) })).value
    if (entry.state === 'absent' && !heard) {
      // Not watched by this process (a resumed job): a prompt neither queued nor in history is lost (ComfyUI restarted).
      const queue = await ctx.client.getJson('queue', settings)
      if (!inQueue(queue.value, job.id)) {
        entry = (await ctx.client.getJson(`history/${encodeURIComponent(job.id)}`, { ...settings, parse: parseHistory(job.id) })).value
        if (entry.state === 'absent') throw gone(ctx, job, call)
      }
    }
    if (entry.state === 'absent') return { state: 'pending', detail: heard?.finished ? 'finishing' : 'queued', ...progress }
    ctx.socket.forget(job.id)
    if (entry.state === 'error') return { state: 'failed', message: entry.message, code: 'execution_error' }
    const file = pickFile(entry.files, ctx.kind)
    if (!file) throw ctx.client.fail(responseProblem('E_PROVIDER_EMPTY', `prompt ${job.id} finished without a ${ctx.kind} output (files: ${entry.files.map((f) => f.filename).join(', ') || 'none'})`), settings)
    const query = new URLSearchParams({ filename: file.filename, subfolder: file.subfolder, type: file.type })
    const fetched = await ctx.client.download(`view?${query.toString()}`, { ...settings, expect: ctx.kind, dir: ctx.downloadDir })
    return { state: 'done', media: fetched.value, requestId: job.requestId ?? job.id, attempts: job.attempts ?? 1 }
  } catch (error) {
    throw asJobGone(error, job)
  }
}

function gone(ctx: ComfyContext, job: VideoJob, call: CallOptions): ProviderError {
  return new ProviderError(`${ctx.client.provider}:${ctx.model}${call.subject ? ` (${call.subject})` : ''}: prompt ${job.id} is neither queued nor in ComfyUI's history (the server restarted?)`, {
    code: 'E_PROVIDER_JOB_GONE',
    provider: ctx.client.provider,
    model: ctx.model,
    ...(call.subject === undefined ? {} : { subject: call.subject }),
    requestId: job.id,
    hint: `rerun: ${ctx.client.provider} no longer knows this prompt, so it is queued again`,
  })
}
