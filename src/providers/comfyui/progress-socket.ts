import { WebSocket } from 'undici'

/** What the socket has heard about one prompt. */
export interface PromptProgress {
  /** 0..1 of the node running now (ComfyUI reports steps per node, not per prompt). */
  readonly progress?: number
  /** The prompt finished (`executing` with `node: null`, or `execution_success`). */
  readonly finished: boolean
  /** `execution_error` or `execution_interrupted`: what went wrong, in ComfyUI's words. */
  readonly error?: string
}

export interface ProgressSocket {
  /** Connects if not connected; resolves once open or given up on (never rejects: /history still works). */
  ready(): Promise<void>
  /** Whether the socket is open now: when it is not, only /history knows how a prompt went. */
  readonly open: boolean
  /** Starts listening for a prompt's events (call before it can finish). */
  watch(promptId: string): void
  progress(promptId: string): PromptProgress | undefined
  /** Forgets a prompt; with nothing left to watch, the socket closes. */
  forget(promptId: string): void
  close(): void
}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * ComfyUI's WebSocket (`/ws?clientId=`), opened lazily and closed when idle, so a finished run's
 * process can exit. Binary frames (previews) are ignored. A socket that drops is not an error:
 * callers then poll /history, which also covers events sent before we listened.
 */
export function createProgressSocket(options: {
  readonly baseURL: string
  readonly clientId: string
  readonly idleMs: number
  readonly connectMs?: number
  /** The HTTP client's headers (a proxy's token), resolved at connect. */
  readonly headers?: () => Readonly<Record<string, string>>
}): ProgressSocket {
  const url = new URL(`ws?clientId=${encodeURIComponent(options.clientId)}`, options.baseURL.endsWith('/') ? options.baseURL : `${options.baseURL}/`)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  const prompts = new Map<string, PromptProgress>()
  // Late frames of a prompt already settled must not bring it back (and keep the socket open).
  const settled = new Set<string>()
  let socket: WebSocket | undefined
  let opening: Promise<void> | undefined
  let idle: NodeJS.Timeout | undefined

  const touch = () => {
    clearTimeout(idle)
    // Unref'd: the timer never holds the process; it only closes a socket nobody polls any more.
    idle = setTimeout(() => api.close(), options.idleMs)
    idle.unref()
  }
  const update = (promptId: unknown, change: Partial<PromptProgress>) => {
    if (typeof promptId !== 'string' || settled.has(promptId)) return
    // Kept even before `watch`: a prompt can finish before its POST /prompt answer is read.
    prompts.set(promptId, { finished: false, ...prompts.get(promptId), ...change })
  }
  const onMessage = (data: unknown) => {
    if (typeof data !== 'string') return
    let event: unknown
    try {
      event = JSON.parse(data)
    } catch {
      return
    }
    if (!isObject(event) || !isObject(event.data)) return
    const body = event.data
    switch (event.type) {
      case 'progress':
        if (typeof body.value === 'number' && typeof body.max === 'number' && body.max > 0) update(body.prompt_id, { progress: Math.min(1, body.value / body.max) })
        return
      case 'executing':
        if (body.node === null) update(body.prompt_id, { finished: true })
        return
      case 'execution_success':
        return update(body.prompt_id, { finished: true })
      case 'execution_error':
        return update(body.prompt_id, { finished: true, error: `${String(body.node_type ?? 'a node')} (node ${String(body.node_id ?? '?')}): ${String(body.exception_message ?? 'failed').trim()}` })
      case 'execution_interrupted':
        return update(body.prompt_id, { finished: true, error: `interrupted at node ${String(body.node_id ?? '?')}` })
    }
  }

  const api: ProgressSocket = {
    get open() {
      return socket?.readyState === WebSocket.OPEN
    },
    ready() {
      touch()
      if (socket && socket.readyState <= WebSocket.OPEN) return opening ?? Promise.resolve()
      const ws = new WebSocket(url, { headers: { ...options.headers?.() } })
      socket = ws
      opening = new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          resolve()
          ws.close()
        }, options.connectMs ?? 5_000)
        timer.unref()
        const settle = () => {
          clearTimeout(timer)
          resolve()
        }
        ws.addEventListener('open', settle)
        ws.addEventListener('error', settle)
        ws.addEventListener('close', settle)
      })
      ws.addEventListener('message', (event) => onMessage(event.data))
      return opening
    },
    watch(promptId) {
      touch()
      if (!prompts.has(promptId)) prompts.set(promptId, { finished: false })
    },
    progress(promptId) {
      touch()
      return prompts.get(promptId)
    },
    forget(promptId) {
      prompts.delete(promptId)
      settled.add(promptId)
      if (prompts.size === 0) api.close()
    },
    close() {
      clearTimeout(idle)
      socket?.close()
      socket = undefined
      opening = undefined
    },
  }
  return api
}
