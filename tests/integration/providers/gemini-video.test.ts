import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ProviderError } from '../../../src/errors.js'
import { createAgent, type HttpLogEntry } from '../../../src/providers/http/index.js'
import { createGemini } from '../../../src/providers/gemini/provider.js'
import type { GeminiSettings } from '../../../src/providers/gemini/settings.js'
import type { VideoRequest } from '../../../src/providers/types.js'
import { createFakeApi, fault, gemini, geminiFake, TINY_PNG, TINY_PNG_BASE64, type FakeApi, type GeminiFake } from '../../support/fake-api/index.js'

const REQUEST: VideoRequest = { prompt: 'slow push in on Mira', aspectRatio: '16:9', width: 1280, height: 720, seconds: 8, seed: 42, take: 1 }
const START = 'gemini/predictLongRunning'
const POLL = 'gemini/operation'
const MODEL = 'veo-3.1-fast-generate-preview'

describe('gemini veo: start and status', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
  const dispatcher = createAgent({ connectMs: 1_000 })
  let api: FakeApi
  let fake: GeminiFake
  let sleeps: number[]
  let logs: HttpLogEntry[]
  beforeAll(async () => {
    fake = geminiFake()
    api = await createFakeApi({ dialect: 'gemini', auth: 'goog', routes: fake.routes })
  })
  afterAll(async () => {
    await dispatcher.destroy()
    await api.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  beforeEach(() => {
    api.reset()
    fake.pendingPolls = 1
    sleeps = []
    logs = []
  })

  const provider = (settings: Partial<GeminiSettings> = {}) =>
    createGemini({
      baseURL: `${api.url}/v1beta`,
      env: { GEMINI_API_KEY: api.key },
      dispatcher,
      downloadDir: dir,
      maxRetries: 2,
      sleep: async (ms) => void sleeps.push(ms),
      log: (entry) => logs.push(entry),
      ...settings,
    })
  const model = (settings: Partial<GeminiSettings> = {}, id = MODEL) => provider(settings).video!(id)
  const start = (request: Partial<VideoRequest> = {}, settings: Partial<GeminiSettings> = {}) =>
    model(settings).start({ ...REQUEST, ...request }, { subject: 'shot 1.2' })
  const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable(), (error: unknown) => error as ProviderError)
  const startBody = () => api.requestsTo(START)[0]!.json as { instances: Record<string, unknown>[]; parameters: Record<string, unknown> }

  it('starts with bytesBase64Encoded + mimeType and no Vertex-only fields, and keeps only the name', async () => {
    const job = await start({ image: { bytes: TINY_PNG, mediaType: 'image/png', label: 'first frame' } })
    const request = api.requestsTo(START)[0]!
    expect(request.path).toBe(`/v1beta/models/${MODEL}:predictLongRunning`)
    expect(request.headers['x-goog-api-key']).toBe(api.key)
    expect(startBody()).toEqual({
      instances: [{ prompt: 'slow push in on Mira', image: { bytesBase64Encoded: TINY_PNG_BASE64, mimeType: 'image/png' } }],
      parameters: { aspectRatio: '16:9', durationSeconds: 8 },
    })
    expect(job).toMatchObject({ id: `models/${MODEL}/operations/op${fake.operations.size}`, state: { name: job.id }, attempts: 1 })
    expect(Object.keys(job.state as object)).toEqual(['name'])
    expect(job.warnings).toBeUndefined()
    expect(job).not.toHaveProperty('costUsd')
  })

  it('sends resolution, personGeneration and negativePrompt when set, and fingerprints them', async () => {
    const video = { resolution: '1080p', personGeneration: 'allow_adult', negativePrompt: 'text overlays' } as const
    await start({}, { video })
    expect(startBody().parameters).toEqual({ aspectRatio: '16:9', durationSeconds: 8, ...video })
    expect(model({ video }).fingerprint).toEqual(video)
  })

  it('exposes capabilities as hints and sends the length and shape it is given (the pipeline fitted them to the capability table)', async () => {
    expect(model().capabilities).toEqual({ seconds: [4, 6, 8], aspectRatios: ['16:9', '9:16'], audio: true })
    expect(model({}, 'veo-2.0-generate-001').capabilities?.seconds).toEqual([5, 6, 7, 8])
    const job = await start({ aspectRatio: '9:16', seconds: 6 })
    expect(startBody().parameters).toEqual({ aspectRatio: '9:16', durationSeconds: 6 })
    expect(job.warnings).toBeUndefined()
  })

  it('polls GET /v1beta/{name}: pending with progress, then done with an mp4 downloaded with the key', async () => {
    const m = model()
    const job = await m.start(REQUEST)
    api.script(POLL, gemini.veo.pending(40))
    expect(await m.status(job)).toEqual({ state: 'pending', progress: 0.4 })
    expect(await m.status(job)).toEqual({ state: 'pending' })
    const done = await m.status(job)
    expect(done).toMatchObject({ state: 'done', video: { kind: 'file', mediaType: 'video/mp4' } })
    expect(api.requestsTo(POLL).map((r) => r.path)).toEqual(Array(3).fill(`/v1beta/${job.id}`))
    expect(api.requestsTo('gemini/download')[0]!.headers['x-goog-api-key']).toBe(api.key)
    expect(m.pollIntervalMs).toBe(10_000)
    expect(model({ pollIntervalMs: 10 }).pollIntervalMs).toBe(10)
  })

  it('reports a failed operation with its gRPC code', async () => {
    const m = model()
    const job = await m.start(REQUEST)
    api.script(POLL, gemini.veo.failed(13, 'Video generation failed.'))
    expect(await m.status(job)).toEqual({ state: 'failed', code: 'INTERNAL', message: 'Video generation failed. (gRPC 13 INTERNAL)' })
  })

  it('reports an RAI-filtered result as a failure naming the reasons and that it is not billed', async () => {
    const m = model()
    const job = await m.start(REQUEST)
    api.script(POLL, gemini.veo.filtered(['Contains a celebrity likeness.']))
    const status = await m.status(job)
    expect(status).toMatchObject({ state: 'failed', code: 'RAI_FILTERED' })
    if (status.state === 'failed') expect(status.message).toMatch(/Contains a celebrity likeness.*not billed/)
  })

  it('accepts encodedVideo instead of a uri', async () => {
    const m = model()
    const job = await m.start(REQUEST)
    api.script(POLL, gemini.veo.encoded())
    expect(await m.status(job)).toMatchObject({ state: 'done', video: { kind: 'bytes', mediaType: 'video/mp4' } })
    expect(api.requestsTo('gemini/download')).toHaveLength(0)
  })

  it('retries a start on 429 (honouring RetryInfo) and 503, never on 500, a reset or a lost answer', async () => {
    api.script(START, fault.rateLimit({ geminiDelay: '2s' }), fault.serverError(503), fault.ok)
    expect((await start()).attempts).toBe(3)
    expect(sleeps[0]).toBe(2000)
    for (const ambiguous of [fault.serverError(500), fault.resetMidBody, fault.dropConnection, fault.json({ done: false })]) {
      api.reset()
      api.script(START, ambiguous, fault.ok)
      const error = await failure(start())
      expect(api.requestsTo(START)).toHaveLength(1)
      expect(error.message).toContain('1 attempt')
    }
  })

  it('does not retry a per-day quota at start', async () => {
    api.script(START, fault.perDayQuota)
    expect((await failure(start())).code).toBe('E_PROVIDER_QUOTA')
    expect(api.requestsTo(START)).toHaveLength(1)
  })

  it('retries a start whose connection was refused before anything was sent', async () => {
    const closed = await createFakeApi()
    const url = closed.url
    await closed.close()
    const error = await failure(start({}, { baseURL: `${url}/v1beta` }))
    expect(error.code).toBe('E_PROVIDER_NETWORK')
    expect(logs.map((entry) => entry.attempt)).toEqual([1, 2, 3])
  })

  it('fails a job whose stored name is not an operation name without calling the API', async () => {
    const status = await model().status({ id: 'x', state: { name: '../../files/secret' } })
    expect(status).toMatchObject({ state: 'failed', code: 'BAD_JOB' })
    expect(api.requests).toHaveLength(0)
  })

  it('the fake rejects inlineData images and Vertex-only fields, and takes durationSeconds as a string', async () => {
    const post = (instance: object, parameters: object) =>
      fetch(`${api.url}/v1beta/models/${MODEL}:predictLongRunning`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': api.key },
        body: JSON.stringify({ instances: [{ prompt: 'p', ...instance }], parameters }),
      })
    const inline = await post({ image: { inlineData: { mimeType: 'image/png', data: TINY_PNG_BASE64 } } }, {})
    expect(inline.status).toBe(400)
    expect(((await inline.json()) as { error: { status: string } }).error.status).toBe('INVALID_ARGUMENT')
    expect((await post({}, { generateAudio: true })).status).toBe(400)
    expect((await post({}, { seed: 1 })).status).toBe(400)
    expect((await post({}, { durationSeconds: '8' })).status).toBe(200)
  })
})
