import { randomUUID } from 'node:crypto'
import { ConfigError } from '../../errors.js'
import { createHttpClient, findApiKey } from '../http/index.js'
import { transportOf, type TransportSettings } from '../openai/transport-settings.js'
import type { Provider } from '../types.js'
import { sleep as realSleep } from '../../util/sleep.js'
import { createComfyImageModel } from './image-model.js'
import { createProgressSocket } from './progress-socket.js'
import { createComfyVideoModel } from './video-model.js'
import type { ComfyWorkflowsConfig } from './workflow-schema.js'
import { loadWorkflow, type ComfyWorkflow } from './workflow.js'

export interface ComfySettings extends TransportSettings {
  /** Default http://127.0.0.1:8188. */
  readonly baseURL?: string
  /** The workflow per kind (`providers.<id>.workflows`); files are read when the provider is built. */
  readonly workflows?: ComfyWorkflowsConfig
  /** Where relative workflow paths start; default the working folder. */
  readonly cwd?: string
  /** Between looks at a video prompt; default 2 s. */
  readonly pollIntervalMs?: number
  /** Between looks at an image prompt; default 1 s. */
  readonly imagePollIntervalMs?: number
  /** How long an image prompt may run; default 10 minutes (a local GPU may be busy). */
  readonly imageTimeoutMs?: number
  /** Provider id in model references; default "comfyui". */
  readonly id?: string
  /** Only for a ComfyUI behind a proxy that wants a bearer token; default COMFYUI_API_KEY when set. */
  readonly apiKey?: string
}

export const COMFYUI_URL = 'http://127.0.0.1:8188'
/** ComfyUI itself takes no key; a proxy in front of it may (sent as a bearer token when set). */
export const COMFYUI_ENV_VARS = ['COMFYUI_API_KEY'] as const

/**
 * A local ComfyUI server (no key): the user's own API-format workflows, one per kind, with the
 * request's prompt, seed, size, input image and duration put where `inputs` says. Progress comes
 * over its WebSocket; /history decides. Every workflow is checked when the provider is built,
 * so a wrong file or node path stops the run before anything is queued.
 */
export function createComfyUI(settings: ComfySettings = {}): Provider {
  const id = settings.id ?? 'comfyui'
  const baseURL = settings.baseURL ?? COMFYUI_URL
  const cwd = settings.cwd ?? process.cwd()
  const workflows: Partial<Record<'image' | 'video', ComfyWorkflow>> = {}
  for (const kind of ['image', 'video'] as const) {
    const entry = settings.workflows?.[kind]
    if (entry) workflows[kind] = loadWorkflow(`providers.${id}.workflows.${kind}`, entry, cwd)
  }
  const pollIntervalMs = settings.pollIntervalMs ?? 2_000
  const imagePollIntervalMs = settings.imagePollIntervalMs ?? 1_000
  const clientId = randomUUID()
  const headers = () => {
    const key = findApiKey({ provider: id, envVar: COMFYUI_ENV_VARS, value: settings.apiKey, env: settings.env ?? process.env })
    return { ...settings.headers, ...(key === undefined ? {} : { authorization: `Bearer ${key}` }) }
  }
  const client = createHttpClient({ ...transportOf(settings), provider: id, baseURL, envVar: COMFYUI_ENV_VARS[0], headers })
  const socket = createProgressSocket({ baseURL, clientId, headers, idleMs: 3 * Math.max(pollIntervalMs, imagePollIntervalMs) + 5_000 })
  const context = { client, socket, clientId, downloadDir: settings.downloadDir }
  const workflowFor = (kind: 'image' | 'video') => {
    const workflow = workflows[kind]
    if (workflow) return workflow
    throw new ConfigError(`${id} has no ${kind} workflow`, {
      code: 'E_COMFYUI_WORKFLOW',
      hint: `set providers.${id}.workflows.${kind} (file and inputs) in vimax.config.yaml; examples/comfyui/ has one`,
    })
  }
  return {
    id,
    defaults: { image: 'workflow', video: 'workflow' },
    image: (modelId) =>
      createComfyImageModel({
        provider: id,
        modelId,
        context,
        workflow: workflowFor('image'),
        sleep: settings.sleep ?? realSleep,
        pollIntervalMs: imagePollIntervalMs,
        timeoutMs: settings.imageTimeoutMs ?? 600_000,
      }),
    video: (modelId) => createComfyVideoModel({ provider: id, modelId, context, workflow: workflowFor('video'), pollIntervalMs }),
  }
}
