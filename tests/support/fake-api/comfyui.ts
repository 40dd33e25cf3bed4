import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { TINY_MP4, TINY_PNG } from './media.js'
import type { FakeApiHandle, Route } from './types.js'

/** How the fake's next prompts run; read when a prompt is queued, so tests may change it between runs. */
export interface ComfyFakeSettings {
  /** `progress` frames per prompt (default 3). */
  steps?: number
  /** Ends in `execution_error` (history `status_str: "error"`). */
  fail?: boolean
  /** The socket closes after the first progress frame; the prompt still finishes, as /history shows. */
  dropSocket?: boolean
  /** Never finishes (until `release`): the socket hears the start and one progress frame. */
  stuck?: boolean
  /** Only video prompts are stuck. */
  stuckVideo?: boolean
  /** Where a video output is listed: core nodes' `images` with `animated` (default) or VideoHelperSuite's `gifs`. */
  videoKey?: 'images' | 'gifs'
  /** `/view` answers 404 for outputs. */
  viewMissing?: boolean
  /** The prompt is in /history as soon as /prompt answered (no polls needed). */
  instant?: boolean
}

export interface ComfyFakePrompt {
  readonly id: string
  readonly clientId: string | undefined
  readonly graph: Record<string, { class_type: string; inputs: Record<string, unknown> }>
  readonly video: boolean
  settings: Readonly<ComfyFakeSettings>
  done: boolean
}

export interface ComfyFake {
  readonly routes: Route[]
  readonly upgrade: (request: IncomingMessage, socket: Duplex, head: Buffer, api: FakeApiHandle) => void
  readonly prompts: Map<string, ComfyFakePrompt>
  /** Client ids that opened /ws, in order, and the frames each was sent. */
  readonly connections: { readonly clientId: string; readonly frames: unknown[]; closedByServer: boolean }[]
  /** Files uploaded through /upload/image, by name. */
  readonly uploads: Map<string, Uint8Array>
  /** Lets stuck prompts finish. */
  release(): void
}

const VIDEO_NODES = new Set(['SaveVideo', 'SaveWEBM', 'VHS_VideoCombine', 'SaveAnimatedWEBP'])
const PREVIEW = Buffer.concat([Buffer.from([0, 0, 0, 1, 0, 0, 0, 1]), Buffer.from([0xff, 0xd8, 0xff, 0xd9])])

/**
 * A ComfyUI server: POST /prompt runs the graph on a short timer, telling the submitting client's
 * WebSocket (`/ws?clientId=`) as the real one does; GET /history/{id} is `{}` until it finished;
 * outputs come from /view. No auth (create the fake API with `auth: 'none'`).
 */
export function comfyFake(settings: ComfyFakeSettings = {}): ComfyFake {
  const prompts = new Map<string, ComfyFakePrompt>()
  const sockets = new Map<string, WebSocket>()
  const uploads = new Map<string, Uint8Array>()
  const connections: ComfyFake['connections'] = []
  const waiting: (() => void)[] = []
  const wss = new WebSocketServer({ noServer: true })
  let counter = 0

  const send = (prompt: ComfyFakePrompt, type: string, data: Record<string, unknown>) => {
    const ws = prompt.clientId === undefined ? undefined : sockets.get(prompt.clientId)
    if (!ws || ws.readyState !== ws.OPEN) return
    const frame = { type, data: { ...data, prompt_id: prompt.id } }
    connections.findLast((c) => c.clientId === prompt.clientId)?.frames.push(frame)
    ws.send(JSON.stringify(frame))
  }
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

  async function run(prompt: ComfyFakePrompt) {
    const { steps = 3 } = prompt.settings
    const output = Object.keys(prompt.graph).find((id) => /^Save|VHS_VideoCombine/.test(prompt.graph[id]!.class_type)) ?? '9'
    await tick()
    send(prompt, 'execution_start', {})
    send(prompt, 'executing', { node: output })
    for (let step = 1; step <= steps; step++) {
      await tick()
      send(prompt, 'progress', { value: step, max: steps, node: output })
      const ws = prompt.clientId === undefined ? undefined : sockets.get(prompt.clientId)
      if (step === 1 && ws?.readyState === ws?.OPEN) {
        ws?.send(PREVIEW)
        if (prompt.settings.dropSocket) {
          connections.findLast((c) => c.clientId === prompt.clientId)!.closedByServer = true
          ws?.terminate()
        }
      }
      if (step === 1 && (prompt.settings.stuck || (prompt.video && prompt.settings.stuckVideo))) await new Promise<void>((resolve) => waiting.push(resolve))
    }
    await tick()
    prompt.done = true
    if (prompt.settings.fail) {
      send(prompt, 'execution_error', { node_id: output, node_type: 'KSampler', exception_message: 'CUDA out of memory', exception_type: 'torch.OutOfMemoryError' })
      return
    }
    send(prompt, 'executed', { node: output, output: outputOf(prompt) })
    send(prompt, 'execution_success', {})
    send(prompt, 'executing', { node: null })
  }

  const routes: Route[] = [
    {
      name: 'comfyui/prompt',
      method: 'POST',
      path: /^\/(api\/)?prompt$/,
      respond(x) {
        const body = x.request.json as { prompt?: unknown; client_id?: unknown } | undefined
        const graph = body?.prompt
        if (!graph || typeof graph !== 'object' || Object.keys(graph).length === 0) {
          return x.json(400, { error: { type: 'prompt_no_outputs', message: 'Prompt has no outputs', details: '', extra_info: {} }, node_errors: {} })
        }
        const nodes = graph as ComfyFakePrompt['graph']
        const prompt: ComfyFakePrompt = {
          id: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
          clientId: typeof body.client_id === 'string' ? body.client_id : undefined,
          graph: nodes,
          video: Object.values(nodes).some((node) => VIDEO_NODES.has(node.class_type)),
          settings: { ...settings },
          done: false,
        }
        prompts.set(prompt.id, prompt)
        if (prompt.settings.instant) prompt.done = true
        x.json(200, { prompt_id: prompt.id, number: counter, node_errors: {} })
        void run(prompt)
      },
    },
    {
      name: 'comfyui/history',
      method: 'GET',
      path: /^\/(api\/)?history\/(?<id>[^/]+)$/,
      respond(x) {
        const prompt = prompts.get(x.request.params.id ?? '')
        if (!prompt?.done) return x.json(200, {})
        const failed = prompt.settings.fail === true
        const messages = failed
          ? [['execution_start', { prompt_id: prompt.id }], ['execution_error', { prompt_id: prompt.id, node_id: '3', node_type: 'KSampler', exception_message: 'CUDA out of memory\n' }]]
          : [['execution_start', { prompt_id: prompt.id }], ['execution_success', { prompt_id: prompt.id }]]
        x.json(200, {
          [prompt.id]: {
            prompt: [1, prompt.id, prompt.graph, {}, []],
            outputs: failed ? {} : { '9': outputOf(prompt) },
            status: { status_str: failed ? 'error' : 'success', completed: !failed, messages },
            meta: {},
          },
        })
      },
    },
    {
      name: 'comfyui/queue',
      method: 'GET',
      path: /^\/(api\/)?queue$/,
      respond(x) {
        const running = [...prompts.values()].filter((p) => !p.done).map((p, i) => [i, p.id, p.graph, {}, []])
        x.json(200, { queue_running: running.slice(0, 1), queue_pending: running.slice(1) })
      },
    },
    {
      name: 'comfyui/view',
      method: 'GET',
      path: /^\/(api\/)?view$/,
      respond(x) {
        const { filename = '', type = '' } = x.request.query
        const prompt = [...prompts.values()].find((p) => filename.startsWith(`vimax_${p.id.slice(-5)}`))
        if (!prompt || prompt.settings.viewMissing || type !== 'output' || filename.includes('..')) return void x.res.writeHead(404).end()
        const clip = x.api.files.get('clip.mp4')
        const body = filename.endsWith('.png') ? TINY_PNG : clip ? clip.body : TINY_MP4
        x.res.writeHead(200, { 'content-type': filename.endsWith('.png') ? 'image/png' : 'video/mp4' }).end(Buffer.from(body as Uint8Array))
      },
    },
    {
      name: 'comfyui/upload',
      method: 'POST',
      path: /^\/(api\/)?upload\/image$/,
      respond(x) {
        const image = x.request.parts?.find((part) => part.name === 'image')
        if (!image?.bytes || !image.filename) return x.json(400, { error: 'no image' })
        uploads.set(image.filename, image.bytes)
        x.json(200, { name: image.filename, subfolder: '', type: 'input' })
      },
    },
  ]

  return {
    routes,
    prompts,
    connections,
    uploads,
    release() {
      for (const prompt of prompts.values()) prompt.settings = { ...prompt.settings, stuck: false, stuckVideo: false }
      waiting.splice(0).forEach((resolve) => resolve())
    },
    upgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://fake')
      if (!/^\/(api\/)?ws$/.test(url.pathname)) return void socket.destroy()
      const clientId = url.searchParams.get('clientId') ?? `anon-${connections.length}`
      wss.handleUpgrade(request, socket, head, (ws) => {
        sockets.set(clientId, ws)
        const connection = { clientId, frames: [] as unknown[], closedByServer: false }
        connections.push(connection)
        const status = { type: 'status', data: { status: { exec_info: { queue_remaining: 0 } }, sid: clientId } }
        connection.frames.push(status)
        ws.send(JSON.stringify(status))
      })
    },
  }
}

function outputOf(prompt: ComfyFakePrompt) {
  const stem = `vimax_${prompt.id.slice(-5)}_`
  if (!prompt.video) return { images: [{ filename: `${stem}.png`, subfolder: '', type: 'output' }] }
  const file = { filename: `${stem}.mp4`, subfolder: 'video', type: 'output', format: 'video/h264-mp4' }
  return prompt.settings.videoKey === 'gifs' ? { gifs: [file] } : { images: [file], animated: [true] }
}
