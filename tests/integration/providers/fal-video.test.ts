import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { request } from 'undici'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { shootClip } from '../../../src/agents/camera-operator.js'
import type { ProviderError } from '../../../src/errors.js'
import { probeMedia } from '../../../src/media/probe.js'
import { createFal, type FalSettings } from '../../../src/providers/fal/provider.js'
import { createAgent, type HttpLogEntry } from '../../../src/providers/http/index.js'
import type { VideoJob, VideoRequest, VideoStatus } from '../../../src/providers/types.js'
import { createFakeApi, fault, falRoutes, TINY_PNG, type FakeApi, type FalFakeSettings } from '../../support/fake-api/index.js'
import { serveTestClip } from '../../support/test-clip.js'

const MODEL = 'fal-ai/kling-video/v2.1/standard/image-to-video'
const FRAME = { bytes: TINY_PNG, mediaType: 'image/png', label: 'frame 1.2' }
const REQUEST: VideoRequest = { prompt: 'slow push in on Mira', aspectRatio: '16:9', width: 1280, height: 720, seconds: 5, seed: 7, image: FRAME }

describe('fal video over the queue', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
  const dispatcher = createAgent({ connectMs: 1_000 })
  const fake: FalFakeSettings = {}
  let api: FakeApi
  let clip: Buffer
  let sleeps: number[]
  let logs: HttpLogEntry[]
  beforeAll(async () => {
    api = await createFakeApi({ dialect: 'fal', auth: 'key', routes: falRoutes(fake) })
    clip = (await serveTestClip(api, dir)).bytes
  })
  afterAll(async () => {
    await dispatcher.destroy()
    await api.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  beforeEach(() => {
    api.reset()
    for (const key of Object.keys(fake)) delete fake[key as keyof FalFakeSettings]
    sleeps = []
    logs = []
  })

  const model = (settings: Partial<FalSettings> = {}, id = MODEL) =>
    createFal({
      baseURL: api.url,
      env: { FAL_KEY: api.key },
      dispatcher,
      downloadDir: dir,
      maxRetries: 2,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
      log: (entry) => logs.push(entry),
      ...settings,
    }).video!(id)
  const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('expected a failure'), (error: unknown) => error as ProviderError)
  const pollToEnd = async (job: VideoJob): Promise<VideoStatus> => {
    let status = await model().status(job)
    for (let polls = 0; status.state === 'pending' && polls < 20; polls++) status = await model().status(job)
    return status
  }

  it('submits the model input with the Key header and keeps the returned queue URLs', async () => {
    const video = model()
    const job = await video.start(REQUEST, { subject: 'shot 1.2' })
    const [submit] = api.requestsTo('fal/submit')
    expect(submit!.path).toBe(`/${MODEL}`)
    expect(submit!.json).toEqual({ prompt: REQUEST.prompt, image_url: `data:image/png;base64,${Buffer.from(TINY_PNG).toString('base64')}`, duration: '5', seed: 7 })
    expect(submit!.headers.authorization).toBe(`Key ${api.key}`)
    // The queue's URLs drop the endpoint's sub-path.
    const base = `${api.url}/fal-ai/kling-video/requests/${job.id}`
    expect(job).toMatchObject({ state: { status_url: `${base}/status`, response_url: base }, attempts: 1 })
    // The pipeline fitted the length to the capability table; the provider sends it as given.
    expect(job.warnings).toBeUndefined()
    expect(JSON.stringify(job)).not.toContain(api.key)
    expect(video.capabilities).toEqual({ seconds: [5, 10], aspectRatios: ['16:9', '9:16', '1:1'], audio: false })
    expect(video.pollIntervalMs).toBe(2_000)
  })

  it('polls the status URL to COMPLETED, fetches the result and downloads the CDN file without the key', async () => {
    const video = model()
    const job = await video.start(REQUEST)
    expect(await video.status(job)).toMatchObject({ state: 'pending', queuePosition: 1 })
    const status = await pollToEnd(job)
    expect(status).toMatchObject({ state: 'done', video: { kind: 'file', mediaType: 'video/mp4' } })
    expect(api.requestsTo('fal/status').map((r) => r.path)).toEqual(Array(4).fill(`/fal-ai/kling-video/requests/${job.id}/status`))
    expect(api.requestsTo('fal/result').map((r) => [r.path, r.headers.authorization])).toEqual([[`/fal-ai/kling-video/requests/${job.id}`, `Key ${api.key}`]])
    const [cdn] = api.requestsTo('files')
    expect(cdn!.path).toBe('/files/clip.mp4')
    expect(cdn!.headers.authorization).toBeUndefined()
    if (status.state !== 'done' || status.video.kind !== 'file') return expect.unreachable()
    expect(fs.readFileSync(status.video.path).equals(clip)).toBe(true)
    expect((await probeMedia(status.video.path)).video).toMatchObject({ width: 64, height: 36 })
  })

  it('sends a request without a first frame to the text-to-video sibling', async () => {
    const { image: _image, ...textOnly } = REQUEST
    const job = await model().start({ ...textOnly, seconds: 10 })
    expect(api.requestsTo('fal/submit')[0]!.path).toBe('/fal-ai/kling-video/v2.1/master/text-to-video')
    expect(api.requestsTo('fal/submit')[0]!.json).toEqual({ prompt: REQUEST.prompt, aspect_ratio: '16:9', duration: '10', seed: 7 })
    expect(job.warnings?.[0]).toContain('needs an input image')
  })

  it.each([
    ['invalid', '422', 'prompt: Input image is too small', 1],
    ['runner', '503', 'Runner could not be scheduled', 3],
    ['timeout', '504', 'Request timed out', 3],
  ] as const)('reports a request whose result is %s as failed (code %s)', async (outcome, code, words, fetches) => {
    Object.assign(fake, { outcome, queuedPolls: 0, runningPolls: 0 })
    const status = await pollToEnd(await model().start(REQUEST))
    expect(status).toMatchObject({ state: 'failed', code })
    if (status.state === 'failed') expect(status.message).toContain(words)
    expect(api.requestsTo('fal/result')).toHaveLength(fetches)
    expect(api.requestsTo('files')).toHaveLength(0)
  })

  it('reports a request cancelled elsewhere (PUT …/cancel) as failed', async () => {
    Object.assign(fake, { queuedPolls: 0, runningPolls: 0 })
    const job = await model().start(REQUEST)
    const cancel = await request(`${api.url}/fal-ai/kling-video/requests/${job.id}/cancel`, { method: 'PUT', headers: { authorization: `Key ${api.key}` } })
    expect(cancel.statusCode).toBe(202)
    await cancel.body.dump()
    expect(await pollToEnd(job)).toMatchObject({ state: 'failed', code: '400', message: expect.stringContaining('cancelled') })
  })

  it('treats an unknown status as still running', async () => {
    Object.assign(fake, { unknownStatus: 'WARMING_UP', queuedPolls: 0, runningPolls: 2 })
    const video = model()
    const job = await video.start(REQUEST)
    const states = [await video.status(job), await video.status(job), await video.status(job)]
    expect(states.map((s) => s.state)).toEqual(['pending', 'pending', 'done'])
    expect(api.requestsTo('fal/result')).toHaveLength(1)
  })

  it('gives up on a request stuck IN_QUEUE at the caller’s deadline, having started it once', async () => {
    fake.stuck = true
    let clock = 0
    const error = await failure(
      shootClip(model(), REQUEST, { subject: 'shot 1.2', timeoutMs: 10_000, now: () => clock, sleep: async (ms) => void (clock += ms) }),
    )
    expect(error.code).toBe('E_PROVIDER_TIMEOUT')
    expect(api.requestsTo('fal/submit')).toHaveLength(1)
    expect(api.requestsTo('fal/status')).toHaveLength(6)
  })

  it('never restarts the request when polling fails for a while (shootClip)', async () => {
    api.script('fal/status', fault.ok, ...fault.repeat(3, fault.dropConnection))
    const clipSleeps: number[] = []
    const shot = await shootClip(model(), REQUEST, { subject: 'shot 1.2', sleep: async (ms) => void clipSleeps.push(ms) })
    expect(shot.video.mediaType).toBe('video/mp4')
    expect(api.requestsTo('fal/submit')).toHaveLength(1)
    expect(clipSleeps[1]).toBe(2_000)
  })

  it.each([
    ['a 500', fault.serverError(500)],
    ['a reset mid-answer', fault.resetMidBody],
  ])('never resubmits after %s, but does after a 429', async (_name, responder) => {
    api.script('fal/submit', responder)
    await failure(model().start(REQUEST))
    expect(api.requestsTo('fal/submit')).toHaveLength(1)
    api.script('fal/submit', fault.rateLimit({ retryAfter: 2 }), fault.ok)
    expect((await model().start(REQUEST)).attempts).toBe(2)
    expect(sleeps).toEqual([2000])
  })

  it('polls the configured origin when a stored job names another', async () => {
    const job = await model().start(REQUEST)
    const foreign = `https://collector.example/fal-ai/kling-video/requests/${job.id}`
    await model().status({ id: job.id, state: { status_url: `${foreign}/status`, response_url: foreign } })
    expect(api.requestsTo('fal/status').map((r) => r.path)).toEqual([`/fal-ai/kling-video/requests/${job.id}/status`])
  })

  it('keeps the key out of errors, logs and everything but the queue’s auth header', async () => {
    api.script('fal/submit', fault.status(400, { message: `bad input from Key ${api.key}` }))
    const error = await failure(model().start(REQUEST, { subject: 'shot 1.2' }))
    const job = await model().start(REQUEST)
    await pollToEnd(job)
    const texts = [error.message, String(error.hint), JSON.stringify(job), ...logs.map((entry) => JSON.stringify(entry))]
    for (const request of api.requests) {
      const { authorization, ...headers } = request.headers
      expect(authorization).toBe(request.route === 'files' ? undefined : `Key ${api.key}`)
      texts.push(JSON.stringify(headers), request.path, JSON.stringify(request.query), request.body.toString('latin1'))
    }
    for (const text of texts) expect(text).not.toContain(api.key)
  })
})
