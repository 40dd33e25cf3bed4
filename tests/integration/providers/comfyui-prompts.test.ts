import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ProviderError } from '../../../src/errors.js'
import { createComfyUI } from '../../../src/providers/comfyui/provider.js'
import type { ImageRequest, VideoModel, VideoRequest, VideoStatus } from '../../../src/providers/types.js'
import { EXAMPLE_WORKFLOWS } from '../../support/comfyui-workflows.js'
import { comfyFake, createFakeApi, fault, TINY_PNG, type ComfyFake, type ComfyFakeSettings, type FakeApi } from '../../support/fake-api/index.js'

const IMAGE: ImageRequest = { prompt: 'a lighthouse at dusk', aspectRatio: '16:9', width: 1280, height: 720, references: [], seed: 7 }
const VIDEO: VideoRequest = { prompt: 'slow push in', aspectRatio: '16:9', width: 1280, height: 720, seconds: 4, image: { bytes: TINY_PNG, mediaType: 'image/png', label: 'frame' } }
const settings: ComfyFakeSettings = {}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
let fake: ComfyFake
let api: FakeApi

beforeAll(async () => {
  fake = comfyFake(settings)
  api = await createFakeApi({ auth: 'none', routes: fake.routes, upgrade: fake.upgrade })
})
afterAll(async () => {
  await api.close()
  fs.rmSync(dir, { recursive: true, force: true })
})
beforeEach(() => {
  api.reset()
  for (const key of Object.keys(settings)) delete settings[key as keyof ComfyFakeSettings]
})

const comfy = () => createComfyUI({ baseURL: api.url, workflows: EXAMPLE_WORKFLOWS, env: {}, downloadDir: dir, imagePollIntervalMs: 5, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) })
const pause = () => new Promise((resolve) => setTimeout(resolve, 5))
const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('expected a failure'), (error: unknown) => error as ProviderError)
type Graph = Record<string, { inputs: Record<string, unknown> }>

/** Polls until `stop` says so (bounded), collecting every status. */
async function pollUntil(model: VideoModel, job: Awaited<ReturnType<VideoModel['start']>>, stop: (status: VideoStatus) => boolean): Promise<VideoStatus[]> {
  const seen: VideoStatus[] = []
  for (let i = 0; i < 2_000; i++) {
    const status = await model.status(job)
    seen.push(status)
    if (stop(status)) return seen
    await pause()
  }
  throw new Error(`gave up polling: ${JSON.stringify(seen.slice(-3))}`)
}

describe('comfyui prompts', () => {
  it('queues the image workflow with the request in its mapped inputs and our client id, and fetches the output through /view', async () => {
    const result = await comfy().image!('workflow').generate(IMAGE, { subject: 'shot 1' })
    expect(result.images).toHaveLength(1)
    const body = api.requestsTo('comfyui/prompt')[0]!.json as { prompt: Graph; client_id: string }
    expect(body.prompt['6']!.inputs.text).toBe('a lighthouse at dusk')
    expect(body.prompt['3']!.inputs.seed).toBe(7)
    expect([body.prompt['5']!.inputs.width, body.prompt['5']!.inputs.height]).toEqual([1280, 720])
    expect(body.prompt['7']!.inputs.text).toBe('text, watermark, blurry')
    expect(fake.connections.map((c) => c.clientId)).toContain(body.client_id)
    expect(api.requestsTo('comfyui/view')[0]!.query).toMatchObject({ type: 'output' })
  })

  it('uploads the first frame for the LoadImage node and sets frames and fps from the duration', async () => {
    Object.assign(settings, { steps: 1 })
    const model = comfy().video!('workflow')
    const job = await model.start(VIDEO)
    const [upload] = api.requestsTo('comfyui/upload')
    const image = upload!.parts!.find((part) => part.name === 'image')!
    expect(image.filename).toMatch(/^vimax-[0-9a-f]{16}\.png$/)
    const graph = (api.requestsTo('comfyui/prompt')[0]!.json as { prompt: Graph }).prompt
    expect(graph['56']!.inputs.image).toBe(image.filename)
    expect(graph['55']!.inputs.length).toBe(4 * 24 + 1)
    expect(graph['57']!.inputs.fps).toBe(24)
    const statuses = await pollUntil(model, job, (status) => status.state !== 'pending')
    expect(statuses.at(-1)!.state).toBe('done')
  })

  it('reports progress from the WebSocket stream while the prompt runs, without asking /history', async () => {
    Object.assign(settings, { stuck: true, steps: 4 })
    const model = comfy().video!('workflow')
    const job = await model.start(VIDEO)
    const statuses = await pollUntil(model, job, (status) => status.state === 'pending' && status.progress !== undefined)
    expect(statuses.at(-1)).toEqual({ state: 'pending', progress: 0.25 })
    expect(api.requestsTo('comfyui/history')).toHaveLength(0)
    const frames = fake.connections.at(-1)!.frames as { type: string }[]
    expect(frames.map((frame) => frame.type)).toEqual(['status', 'execution_start', 'executing', 'progress'])
    fake.release()
    const rest = await pollUntil(model, job, (status) => status.state !== 'pending')
    expect(rest.at(-1)!.state).toBe('done')
    expect(rest.some((status) => status.state === 'pending' && (status.progress ?? 0) > 0.25)).toBe(true)
  })

  it('falls back to /history when the socket closes mid-run, and finds a video listed under gifs', async () => {
    Object.assign(settings, { dropSocket: true, videoKey: 'gifs', steps: 3 })
    const model = comfy().video!('workflow')
    const job = await model.start(VIDEO)
    const statuses = await pollUntil(model, job, (status) => status.state !== 'pending')
    expect(fake.connections.at(-1)!.closedByServer).toBe(true)
    expect(statuses.at(-1)!.state).toBe('done')
    expect(api.requestsTo('comfyui/history').length).toBeGreaterThan(0)
    expect(api.requestsTo('comfyui/view')[0]!.query).toMatchObject({ subfolder: 'video', type: 'output' })
  })

  it('reports an execution_error as a failed job in ComfyUI’s words', async () => {
    Object.assign(settings, { fail: true, steps: 1 })
    const model = comfy().video!('workflow')
    const statuses = await pollUntil(model, await model.start(VIDEO), (status) => status.state !== 'pending')
    expect(statuses.at(-1)).toMatchObject({ state: 'failed', message: 'KSampler (node 3): CUDA out of memory', code: 'execution_error' })
  })

  it('names ComfyUI’s reason when /prompt rejects the graph', async () => {
    api.script('comfyui/prompt', fault.json({ error: { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation', details: '', extra_info: {} }, node_errors: {} }, 400))
    const error = await failure(comfy().image!('workflow').generate(IMAGE))
    expect(error.code).toBe('E_PROVIDER_HTTP')
    expect(error.message).toContain('Prompt outputs failed validation')
  })

  it('a prompt this process never watched is resumed through /history, and one ComfyUI forgot is gone', async () => {
    Object.assign(settings, { instant: true })
    const job = await comfy().video!('workflow').start(VIDEO)
    // A new process (a rerun after a crash): no socket has heard of the prompt.
    const status = await comfy().video!('workflow').status(job)
    expect(status.state).toBe('done')
    expect(api.requestsTo('comfyui/history')).toHaveLength(1)
    fake.prompts.delete(job.id)
    expect((await failure(comfy().video!('workflow').status(job))).code).toBe('E_PROVIDER_JOB_GONE')
  })

  it('an output /view no longer serves is a job that is gone', async () => {
    Object.assign(settings, { instant: true, viewMissing: true })
    const model = comfy().video!('workflow')
    const job = await model.start(VIDEO)
    expect((await failure(pollUntil(model, job, (status) => status.state !== 'pending'))).code).toBe('E_PROVIDER_JOB_GONE')
  })
})
