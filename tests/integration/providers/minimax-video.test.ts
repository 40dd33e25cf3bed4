import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ProviderError } from '../../../src/errors.js'
import { createAgent } from '../../../src/providers/http/index.js'
import { createMinimax, type MinimaxSettings } from '../../../src/providers/minimax/provider.js'
import type { CallOptions, VideoJob, VideoRequest, VideoStatus } from '../../../src/providers/types.js'
import { createFakeApi, fault, minimaxError, minimaxFake, TINY_PNG, type FakeApi, type MinimaxFake, type MinimaxFakeSettings } from '../../support/fake-api/index.js'

const MODEL = 'MiniMax-Hailuo-02'
const I2V: VideoRequest = { prompt: 'slow push in on Mira', aspectRatio: '16:9', width: 1280, height: 720, seconds: 8, image: { bytes: TINY_PNG, mediaType: 'image/png', label: 'frame 1.2' } }

describe('minimax video tasks (fake)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
  const dispatcher = createAgent({ connectMs: 1_000 })
  const settings: MinimaxFakeSettings = {}
  let fake: MinimaxFake
  let api: FakeApi
  let sleeps: number[]
  let rateLimits: number[]
  const call: CallOptions = { subject: 'shot 1.2', onRateLimit: (ms) => rateLimits.push(ms) }

  beforeAll(async () => {
    fake = minimaxFake(settings)
    api = await createFakeApi({ routes: fake.routes })
  })
  afterAll(async () => {
    await dispatcher.destroy()
    await api.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  beforeEach(() => {
    api.reset()
    for (const key of Object.keys(settings)) delete settings[key as keyof MinimaxFakeSettings]
    sleeps = []
    rateLimits = []
  })

  const model = (extra: Partial<MinimaxSettings> = {}, id = MODEL) =>
    createMinimax({ baseURL: api.url, env: { MINIMAX_API_KEY: api.key }, dispatcher, downloadDir: dir, maxRetries: 2, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, ...extra }).video!(id)
  const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('expected a failure'), (error: unknown) => error as ProviderError)
  const pollToEnd = async (job: VideoJob, video = model()): Promise<VideoStatus> => {
    let status = await video.status(job, call)
    for (let polls = 0; status.state === 'pending' && polls < 20; polls++) status = await video.status(job, call)
    return status
  }

  it('creates with the documented fields (a data-URL first frame, 6|10 s), polls, retrieves the file and downloads it without the key', async () => {
    const video = model({ video: { resolution: '768P' } })
    const job = await video.start(I2V, call)
    expect(api.requestsTo('minimax/create')[0]!.json).toEqual({
      model: MODEL,
      prompt: I2V.prompt,
      duration: 10,
      prompt_optimizer: false,
      resolution: '768P',
      first_frame_image: `data:image/png;base64,${Buffer.from(TINY_PNG).toString('base64')}`,
    })
    expect(api.requestsTo('minimax/create')[0]!.headers.authorization).toBe(`Bearer ${api.key}`)
    expect(job).toMatchObject({ state: { task_id: job.id }, warnings: [`${MODEL} makes clips of 6 or 10 s: asked 8 s, generated 10 s`] })
    const status = await pollToEnd(job, video)
    expect(status.state).toBe('done')
    expect(api.requestsTo('minimax/query').map((request) => request.query.task_id)).toEqual([job.id, job.id, job.id])
    expect(api.requestsTo('minimax/retrieve')[0]!.query.file_id).toBe(`file-${job.id}`)
    expect(api.requestsTo('files').map((request) => request.headers.authorization)).toEqual([undefined])
  })

  it('1080P makes 6 s clips only; the 01 series too', async () => {
    expect(model({ video: { resolution: '1080P' } }).capabilities?.seconds).toEqual([6])
    expect(model({}, 'I2V-01').capabilities?.seconds).toEqual([6])
    const job = await model({ video: { resolution: '1080P' } }).start(I2V, call)
    expect((api.requestsTo('minimax/create')[0]!.json as { duration: number }).duration).toBe(6)
    expect(job.warnings).toHaveLength(1)
  })

  it('status 1002 inside an HTTP 200 is a rate limit: retried (even for the start), with the lane told', async () => {
    api.script('minimax/create', minimaxError(1002, 'rate limit exceeded'), fault.ok)
    const job = await model().start(I2V, call)
    expect(job.attempts).toBe(2)
    expect(sleeps).toHaveLength(1)
    expect(rateLimits).toHaveLength(1)
  })

  it('an HTTP 429 with Retry-After waits as long as advertised', async () => {
    api.script('minimax/query', fault.rateLimit({ retryAfter: 3 }), fault.ok)
    const job = await model().start(I2V, call)
    await model().status(job, call)
    expect(sleeps).toEqual([3000])
  })

  it.each([
    [1004, 'E_PROVIDER_AUTH', /MINIMAX_API_KEY/],
    [1008, 'E_PROVIDER_QUOTA', /balance is used up/],
    [1026, 'E_PROVIDER_REFUSED', /edit the prompt of shot 1\.2/],
    [2013, 'E_PROVIDER_HTTP', /rejected the parameters/],
  ])('status %i inside an HTTP 200 is %s, not retried', async (code, expected, hint) => {
    api.script('minimax/create', minimaxError(code, `status ${code}`))
    const error = await failure(model().start(I2V, call))
    expect(error.code).toBe(expected)
    expect(error.hint).toMatch(hint)
    expect(error.message).toContain(`MiniMax status ${code}: status ${code}`)
    expect(api.requestsTo('minimax/create')).toHaveLength(1)
  })

  it('a task that fails, or whose output the sensitivity check withheld (1027), ends failed; only the latter as a refusal', async () => {
    settings.outcome = 'Fail'
    expect(await pollToEnd(await model().start(I2V, call))).toEqual({ state: 'failed', message: 'video generation failed', code: 'MINIMAX_FAILED' })
    settings.outcome = 'Sensitive'
    expect(await pollToEnd(await model().start(I2V, call))).toEqual({ state: 'failed', message: 'output video sensitive', code: 'CONTENT_POLICY' })
  })
})
