import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ProviderError } from '../../../src/errors.js'
import { createReplicate } from '../../../src/providers/replicate/provider.js'
import type { ImageRequest, VideoRequest } from '../../../src/providers/types.js'
import { createFakeApi, fault, replicateFake, TINY_PNG, type FakeApi, type ReplicateFake, type ReplicateFakeSettings } from '../../support/fake-api/index.js'

const IMAGE: ImageRequest = { prompt: 'a lighthouse at dusk', aspectRatio: '16:9', width: 1280, height: 720, references: [], seed: 7 }
const VIDEO: VideoRequest = { prompt: 'slow push in', aspectRatio: '16:9', width: 1280, height: 720, seconds: 4 }
const settings: ReplicateFakeSettings = {}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
let fake: ReplicateFake
let api: FakeApi
let sleeps: number[]

beforeAll(async () => {
  fake = replicateFake(settings)
  api = await createFakeApi({ dialect: 'replicate', routes: fake.routes })
})
afterAll(async () => {
  await api.close()
  fs.rmSync(dir, { recursive: true, force: true })
})
beforeEach(() => {
  api.reset()
  sleeps = []
  for (const key of Object.keys(settings)) delete settings[key as keyof ReplicateFakeSettings]
})

const replicate = () =>
  createReplicate({ baseURL: `${api.url}/v1`, env: { REPLICATE_API_TOKEN: api.key }, downloadDir: dir, random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) })
const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('expected a failure'), (error: unknown) => error as ProviderError)

describe('replicate predictions', () => {
  it('creates an image by model with Prefer: wait and downloads the finished output without polling or the token', async () => {
    const result = await replicate().image!('black-forest-labs/flux-schnell').generate(IMAGE, { subject: 'shot 1' })
    expect(result.images).toHaveLength(1)
    const [create] = api.requestsTo('replicate/create')
    expect(create!.path).toBe('/v1/models/black-forest-labs/flux-schnell/predictions')
    expect(create!.headers.prefer).toBe('wait=60')
    expect(create!.headers.authorization).toBe(`Bearer ${api.key}`)
    expect(create!.json).toEqual({ input: { prompt: 'a lighthouse at dusk', aspect_ratio: '16:9', seed: 7 } })
    expect(api.requestsTo('replicate/get')).toHaveLength(0)
    expect(api.requestsTo('files').every((request) => request.headers.authorization === undefined)).toBe(true)
  })

  it('sends one reference in the model’s own image field (flux-kontext-pro: input_image), and none to a model that takes none', async () => {
    const reference = { bytes: TINY_PNG, mediaType: 'image/png', label: 'Mara, front view' }
    await replicate().image!('black-forest-labs/flux-kontext-pro').generate({ ...IMAGE, references: [reference, reference] })
    const kontext = api.requestsTo('replicate/create')[0]!.json as { input: Record<string, unknown> }
    expect(String(kontext.input.input_image)).toMatch(/^data:image\/png;base64,/)
    const schnell = await replicate().image!('black-forest-labs/flux-schnell').generate({ ...IMAGE, references: [reference] })
    expect(Object.keys((api.requestsTo('replicate/create')[1]!.json as { input: Record<string, unknown> }).input)).toEqual(['prompt', 'aspect_ratio', 'seed'])
    expect(schnell.warnings).toEqual(['input image not sent: black-forest-labs/flux-schnell takes none'])
  })

  it('addresses owner/name:version through POST /v1/predictions with the version in the body', async () => {
    await replicate().image!('acme/painter:5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa').generate(IMAGE)
    const [create] = api.requestsTo('replicate/create-version')
    expect(create!.json).toMatchObject({ version: '5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa', input: { prompt: 'a lighthouse at dusk' } })
  })

  it('polls an image prediction that outlived the wait, and reads an array of output URLs', async () => {
    Object.assign(settings, { fastImages: false, startingPolls: 1, processingPolls: 1, outputShape: 'array' })
    const result = await replicate().image!('black-forest-labs/flux-schnell').generate(IMAGE)
    expect(result.images).toHaveLength(1)
    expect(api.requestsTo('replicate/get')).toHaveLength(3)
    expect(sleeps).toEqual([1000, 1000])
  })

  it('reports a failed image prediction with its error string, without creating it again', async () => {
    Object.assign(settings, { fastImages: false, outcome: 'failed', error: 'NSFW content detected' })
    const error = await failure(replicate().image!('black-forest-labs/flux-schnell').generate(IMAGE, { subject: 'shot 2' }))
    expect(error.code).toBe('E_PROVIDER_FAILED')
    expect(error.message).toContain('NSFW content detected')
    expect(error.message).toContain('shot 2')
    expect(api.requestsTo('replicate/create')).toHaveLength(1)
  })

  it.each(['failed', 'canceled', 'aborted'] as const)('a video prediction that ends %s is a failed job, not a retried call', async (outcome) => {
    Object.assign(settings, { outcome })
    const model = replicate().video!('kwaivgi/kling-v2.1')
    const job = await model.start(VIDEO)
    let status = await model.status(job)
    for (let polls = 0; status.state === 'pending' && polls < 10; polls++) status = await model.status(job)
    expect(status).toMatchObject({ state: 'failed', code: outcome })
    if (outcome === 'failed') expect(status).toMatchObject({ message: 'CUDA out of memory' })
  })

  it('starts a video without waiting, fits its duration to the model, and polls starting → processing → succeeded', async () => {
    const model = replicate().video!('kwaivgi/kling-v2.1')
    const job = await model.start(VIDEO)
    const [create] = api.requestsTo('replicate/create')
    expect(create!.headers.prefer).toBeUndefined()
    expect((create!.json as { input: Record<string, unknown> }).input.duration).toBe(5)
    expect(job.warnings).toEqual(['4 s sent as 5 s: kwaivgi/kling-v2.1 takes 5, 10'])
    const states: string[] = []
    for (let status = await model.status(job); ; status = await model.status(job)) {
      states.push(status.state)
      if (status.state !== 'pending') break
    }
    expect(states).toEqual(['pending', 'pending', 'done'])
  })

  it('sends a first frame as the model’s own image field', async () => {
    const image = { bytes: TINY_PNG, mediaType: 'image/png', label: 'frame' }
    await replicate().video!('kwaivgi/kling-v2.1').start({ ...VIDEO, image })
    const input = (api.requestsTo('replicate/create')[0]!.json as { input: Record<string, unknown> }).input
    expect(String(input.start_image)).toMatch(/^data:image\/png;base64,/)
  })

  it('names the invalid field of a 422 and does not retry it', async () => {
    api.script('replicate/create', fault.status(422, { message: 'Must be less than or equal to 2147483647', code: 'input.seed', type: 'less_than_or_equal' }))
    const error = await failure(replicate().image!('black-forest-labs/flux-schnell').generate(IMAGE))
    expect(error.code).toBe('E_PROVIDER_HTTP')
    expect(error.message).toContain('HTTP 422: input.seed: Must be less than or equal to 2147483647')
    expect(api.requestsTo('replicate/create')).toHaveLength(1)
  })

  it('waits as long as a 429 says when it names the wait only in words ("resets in ~30s")', async () => {
    api.script('replicate/create', fault.status(429, { message: 'Request was throttled. Your rate limit resets in ~30s.' }), fault.ok)
    const result = await replicate().image!('black-forest-labs/flux-schnell').generate(IMAGE)
    expect(sleeps).toEqual([30_000])
    expect(result.attempts).toBe(2)
  })

  it('retries a 429 on a poll as well, honouring Retry-After', async () => {
    const model = replicate().video!('kwaivgi/kling-v2.1')
    const job = await model.start(VIDEO)
    api.script('replicate/get', fault.rateLimit({ retryAfter: 3 }), fault.ok)
    expect((await model.status(job)).state).toBe('pending')
    expect(sleeps).toEqual([3000])
  })

  it('cancels the prediction when the run is aborted while it runs', async () => {
    Object.assign(settings, { fastImages: false, startingPolls: 1000 })
    const controller = new AbortController()
    const model = createReplicate({
      baseURL: `${api.url}/v1`,
      env: { REPLICATE_API_TOKEN: api.key },
      downloadDir: dir,
      imagePollIntervalMs: 5,
      sleep: async () => {
        controller.abort()
        throw new Error('aborted while waiting')
      },
    }).image!('black-forest-labs/flux-schnell')
    await expect(model.generate(IMAGE, { signal: controller.signal })).rejects.toThrow()
    const [cancel] = api.requestsTo('replicate/cancel')
    expect(cancel!.path).toMatch(/^\/v1\/predictions\/pred\d+\/cancel$/)
    expect(cancel!.headers.authorization).toBe(`Bearer ${api.key}`)
  })

  it('creates again a recorded image prediction that an aborted run canceled, instead of failing the rerun', async () => {
    Object.assign(settings, { fastImages: false, startingPolls: 0, processingPolls: 0 })
    const earlier = await replicate().image!('black-forest-labs/flux-schnell').generate(IMAGE, { job: { started: async () => {} } })
    const [first] = [...fake.predictions.values()].slice(-1)
    first!.canceled = true
    const resume = { id: first!.id, state: { status: 'processing', outputs: [] } }
    const error = await failure(replicate().image!('black-forest-labs/flux-schnell').generate(IMAGE, { job: { resume } }))
    expect(earlier.images).toHaveLength(1)
    expect(error.code).toBe('E_PROVIDER_JOB_GONE')
  })

  it('treats a prediction Replicate forgot, and outputs it removed, as a job that is gone', async () => {
    const model = replicate().video!('kwaivgi/kling-v2.1')
    const job = await model.start(VIDEO)
    fake.predictions.delete(job.id)
    expect((await failure(model.status(job))).code).toBe('E_PROVIDER_JOB_GONE')
    Object.assign(settings, { dataRemoved: true, startingPolls: 0, processingPolls: 0 })
    const removed = await model.start(VIDEO)
    expect((await failure(model.status(removed))).code).toBe('E_PROVIDER_JOB_GONE')
  })
})
