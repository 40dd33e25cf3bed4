import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { shootClip } from '../../../src/agents/camera-operator.js'
import type { ProviderError } from '../../../src/errors.js'
import { probeMedia } from '../../../src/media/probe.js'
import { createAgent, type HttpLogEntry } from '../../../src/providers/http/index.js'
import { createOpenRouter, type OpenRouterSettings } from '../../../src/providers/openrouter/provider.js'
import type { VideoJob, VideoRequest, VideoStatus } from '../../../src/providers/types.js'
import { createFakeApi, fault, insufficientCredits, openrouterRateLimit, openrouterRoutes, TINY_PNG, type FakeApi, type OpenRouterFakeSettings } from '../../support/fake-api/index.js'
import { serveTestClip } from '../../support/test-clip.js'

const MODEL = 'google/veo-3.1-fast'
const REQUEST: VideoRequest = { prompt: 'slow push in on Mira', aspectRatio: '16:9', width: 1280, height: 720, seconds: 6, seed: 7, take: 1, image: { bytes: TINY_PNG, mediaType: 'image/png', label: 'frame 1.2' } }

describe('openrouter video jobs', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
  const dispatcher = createAgent({ connectMs: 1_000 })
  const fake: OpenRouterFakeSettings = {}
  let api: FakeApi
  let clip: Buffer
  let sleeps: number[]
  let logs: HttpLogEntry[]
  beforeAll(async () => {
    api = await createFakeApi({ dialect: 'openrouter', routes: openrouterRoutes(fake) })
    clip = (await serveTestClip(api, dir)).bytes
  })
  afterAll(async () => {
    await dispatcher.destroy()
    await api.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  beforeEach(() => {
    api.reset()
    for (const key of Object.keys(fake)) delete fake[key as keyof OpenRouterFakeSettings]
    sleeps = []
    logs = []
  })

  const model = (settings: Partial<OpenRouterSettings> = {}) =>
    createOpenRouter({
      baseURL: `${api.url}/api/v1`,
      env: { OPENROUTER_API_KEY: api.key },
      dispatcher,
      downloadDir: dir,
      maxRetries: 2,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
      log: (entry) => logs.push(entry),
      ...settings,
    }).video!(MODEL)
  const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('expected a failure'), (error: unknown) => error as ProviderError)
  const pollToEnd = async (job: VideoJob): Promise<VideoStatus> => {
    const video = model()
    let status = await video.status(job, { subject: 'shot 1.2' })
    for (let polls = 0; status.state === 'pending' && polls < 20; polls++) status = await video.status(job, { subject: 'shot 1.2' })
    return status
  }

  it('starts with the documented fields and the Bearer key, keeping only ids and a URL in the job', async () => {
    const video = model({ video: { resolution: '720p', generateAudio: false }, appUrl: 'https://vimax.example', appTitle: 'vimax' })
    const job = await video.start(REQUEST, { subject: 'shot 1.2' })
    const [submit] = api.requestsTo('videos')
    expect(submit!.json).toEqual({
      model: MODEL,
      prompt: REQUEST.prompt,
      duration: 6,
      aspect_ratio: '16:9',
      resolution: '720p',
      generate_audio: false,
      seed: 8,
      frame_images: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${Buffer.from(TINY_PNG).toString('base64')}` }, frame_type: 'first_frame' }],
    })
    expect(submit!.headers.authorization).toBe(`Bearer ${api.key}`)
    expect(submit!.headers['http-referer']).toBe('https://vimax.example')
    expect(submit!.headers['x-openrouter-title']).toBe('vimax')
    expect(job).toMatchObject({ state: { id: job.id, polling_url: `/api/v1/videos/${job.id}` }, attempts: 1 })
    // The pipeline fitted the length to the capability table; the provider sends it as given.
    expect(job.warnings).toBeUndefined()
    expect(JSON.stringify(job)).not.toContain(api.key)
    expect(video.capabilities).toEqual({ seconds: [4, 6, 8], aspectRatios: ['16:9', '9:16'] })
    expect(video.pollIntervalMs).toBe(10_000)
  })

  it.each(['relative', 'absolute'] as const)('polls a %s polling_url and downloads unsigned_urls[0] with the key', async (pollingUrl) => {
    fake.pollingUrl = pollingUrl
    const video = model()
    const job = await video.start(REQUEST)
    const first = await video.status(job)
    expect(first).toEqual({ state: 'pending' })
    const status = await pollToEnd(job)
    expect(status).toMatchObject({ state: 'done', video: { kind: 'file', mediaType: 'video/mp4' } })
    expect(status).not.toHaveProperty('costUsd')
    expect(api.requestsTo('videos/status').map((r) => r.path)).toEqual(Array(3).fill(`/api/v1/videos/${job.id}`))
    const [content] = api.requestsTo('videos/content')
    expect(content!.query).toEqual({ index: '0' })
    expect(content!.headers.authorization).toBe(`Bearer ${api.key}`)
    if (status.state !== 'done' || status.video.kind !== 'file') return expect.unreachable()
    expect(fs.readFileSync(status.video.path).equals(clip)).toBe(true)
    expect((await probeMedia(status.video.path)).video).toMatchObject({ width: 64, height: 36 })
  })

  it('falls back to /content?index=0 when unsigned_urls is empty, and retries a 502 there', async () => {
    fake.noUnsignedUrls = true
    fake.pendingPolls = 0
    api.script('videos/content', fault.serverError(502), fault.ok)
    const job = await model().start(REQUEST)
    expect((await pollToEnd(job)).state).toBe('done')
    expect(api.requestsTo('videos/content').map((r) => r.path)).toEqual(Array(2).fill(`/api/v1/videos/${job.id}/content`))
  })

  it.each(['failed', 'cancelled', 'expired'] as const)('reports a %s job as failed with its error', async (outcome) => {
    Object.assign(fake, { outcome, pendingPolls: 1, error: `upstream said ${outcome}` })
    expect(await pollToEnd(await model().start(REQUEST))).toEqual({ state: 'failed', message: `upstream said ${outcome}`, code: outcome })
    expect(api.requestsTo('videos/content')).toHaveLength(0)
  })

  it('treats a status it does not know as still pending', async () => {
    Object.assign(fake, { unknownStatus: 'rendering_upscale', pendingPolls: 3 })
    const video = model()
    const job = await video.start(REQUEST)
    const states = [await video.status(job), await video.status(job), await video.status(job), await video.status(job)]
    expect(states.map((s) => s.state)).toEqual(['pending', 'pending', 'pending', 'done'])
  })

  it('polls the API origin when a stored job names another, so the key stays home', async () => {
    const { id } = await model().start(REQUEST)
    await model().status({ id, state: { id, polling_url: `https://collector.example/api/v1/videos/${id}` } })
    expect(api.requestsTo('videos/status').map((r) => r.path)).toEqual([`/api/v1/videos/${id}`])
  })

  it('maps a 402 to E_PROVIDER_QUOTA without retrying', async () => {
    api.script('videos', insufficientCredits)
    const error = await failure(model().start(REQUEST, { subject: 'shot 1.2' }))
    expect(error.code).toBe('E_PROVIDER_QUOTA')
    expect(error.message).toContain('Insufficient credits')
    expect(api.requestsTo('videos')).toHaveLength(1)
  })

  it('honours a poll-rate 429 with Retry-After through the injected sleep', async () => {
    fake.pendingPolls = 0
    const video = model()
    const job = await video.start(REQUEST)
    api.script('videos/status', openrouterRateLimit(1), fault.ok)
    expect((await video.status(job)).state).toBe('done')
    expect(sleeps).toEqual([1000])
  })

  it.each([
    ['a 500', fault.serverError(500)],
    ['a reset mid-answer', fault.resetMidBody],
    ['a dropped connection', fault.dropConnection],
  ])('never resends a start after %s: it may have bought a job', async (_name, responder) => {
    api.script('videos', responder)
    await failure(model().start(REQUEST))
    expect(api.requestsTo('videos')).toHaveLength(1)
  })

  it('resends a start refused with a 503 or a refused connection (nothing was bought)', async () => {
    api.script('videos', fault.serverError(503), fault.ok)
    expect((await model().start(REQUEST)).attempts).toBe(2)
    const closed = await createFakeApi()
    const url = closed.url
    await closed.close()
    const error = await failure(model({ baseURL: `${url}/api/v1` }).start(REQUEST))
    expect(error.code).toBe('E_PROVIDER_NETWORK')
    expect(logs.filter((entry) => entry.url.startsWith(url))).toHaveLength(3)
  })

  it('never restarts the job when polling fails for a while (shootClip)', async () => {
    fake.pendingPolls = 1
    api.script('videos/status', fault.ok, ...fault.repeat(3, fault.serverError(500)))
    const clipSleeps: number[] = []
    const shot = await shootClip(model(), REQUEST, { subject: 'shot 1.2', sleep: async (ms) => void clipSleeps.push(ms) })
    expect(shot.video.mediaType).toBe('video/mp4')
    expect(api.requestsTo('videos')).toHaveLength(1)
    expect(api.requestsTo('videos/status')).toHaveLength(5)
    expect(clipSleeps).toEqual([10_000, 10_000])
  })

  it('keeps the key out of errors, logs and everything but the auth header', async () => {
    api.script('videos', fault.status(400, { message: `bad duration for key ${api.key}` }))
    const error = await failure(model().start(REQUEST, { subject: 'shot 1.2' }))
    const job = await model().start(REQUEST)
    await pollToEnd(job)
    const texts = [error.message, String(error.hint), JSON.stringify(job), ...logs.map((entry) => JSON.stringify(entry))]
    for (const request of api.requests) {
      const { authorization, ...headers } = request.headers
      expect(authorization).toBe(`Bearer ${api.key}`)
      texts.push(JSON.stringify(headers), request.path, JSON.stringify(request.query), request.body.toString('latin1'))
    }
    for (const text of texts) expect(text).not.toContain(api.key)
  })
})
