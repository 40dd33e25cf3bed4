import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError, ProviderError } from '../../../src/errors.js'
import { sniffMediaType } from '../../../src/media/media-type.js'
import { createAgent, type HttpLogEntry } from '../../../src/providers/http/index.js'
import { createKling, type KlingSettings } from '../../../src/providers/kling/provider.js'
import type { CallOptions, VideoJob, VideoRequest, VideoStatus } from '../../../src/providers/types.js'
import {
  createFakeApi,
  fault,
  jwtProblem,
  KLING_TEST_ACCESS_KEY,
  KLING_TEST_SECRET_KEY,
  klingError,
  klingFake,
  TINY_PNG,
  type FakeApi,
  type KlingFake,
  type KlingFakeSettings,
} from '../../support/fake-api/index.js'

const MODEL = 'kling-v2-1'
const FRAME = { bytes: TINY_PNG, mediaType: 'image/png', label: 'frame 1.2' }
const I2V: VideoRequest = { prompt: 'slow push in on Mira', aspectRatio: '16:9', width: 1280, height: 720, seconds: 4, image: FRAME }
const T2V: VideoRequest = { prompt: 'a ferry in fog', aspectRatio: '9:16', width: 720, height: 1280, seconds: 8 }
const KEYS = { KLING_ACCESS_KEY: KLING_TEST_ACCESS_KEY, KLING_SECRET_KEY: KLING_TEST_SECRET_KEY }

describe('kling video tasks (official API, fake)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
  const dispatcher = createAgent({ connectMs: 1_000 })
  const settings: KlingFakeSettings = {}
  let kling: KlingFake
  let api: FakeApi
  let sleeps: number[]
  let logs: HttpLogEntry[]
  let rateLimits: number[]
  const call: CallOptions = { subject: 'shot 1.2', onRateLimit: (ms) => rateLimits.push(ms) }

  beforeAll(async () => {
    kling = klingFake(settings)
    api = await createFakeApi({ routes: kling.routes })
  })
  afterAll(async () => {
    await dispatcher.destroy()
    await api.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  beforeEach(() => {
    api.reset()
    for (const key of Object.keys(settings)) delete settings[key as keyof KlingFakeSettings]
    sleeps = []
    logs = []
    rateLimits = []
  })

  const model = (extra: Partial<KlingSettings> = {}) =>
    createKling({
      baseURL: api.url,
      env: KEYS,
      dispatcher,
      downloadDir: dir,
      maxRetries: 2,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
      log: (entry) => logs.push(entry),
      ...extra,
    }).video!(MODEL)
  const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('expected a failure'), (error: unknown) => error as ProviderError)
  const pollToEnd = async (job: VideoJob, video = model()): Promise<VideoStatus> => {
    let status = await video.status(job, call)
    for (let polls = 0; status.state === 'pending' && polls < 20; polls++) status = await video.status(job, call)
    return status
  }

  it('image2video sends the first frame as bare base64 and "5" s, with a JWT the fake verifies; the task ends in an mp4', async () => {
    const video = model({ video: { mode: 'pro', negativePrompt: 'blur' } })
    const job = await video.start(I2V, call)
    const [create] = api.requestsTo('kling/create')
    expect(create!.path).toBe('/v1/videos/image2video')
    expect(create!.json).toEqual({ model_name: MODEL, prompt: I2V.prompt, duration: '5', mode: 'pro', negative_prompt: 'blur', image: Buffer.from(TINY_PNG).toString('base64') })
    expect(job).toMatchObject({ id: 'kling-task-1', state: { task_id: 'kling-task-1', endpoint: 'image2video' }, attempts: 1 })
    expect(job.warnings).toEqual([`${MODEL} makes clips of 5 or 10 s: asked 4 s, generated 5 s`])
    const status = await pollToEnd(job, video)
    expect(status.state).toBe('done')
    if (status.state === 'done' && status.video.kind === 'file') expect(sniffMediaType(fs.readFileSync(status.video.path))).toBe('video/mp4')
    const tasks = api.requestsTo('kling/task')
    expect(tasks.map((request) => request.path)).toEqual(Array(3).fill('/v1/videos/image2video/kling-task-1'))
    for (const request of [...api.requestsTo('kling/create'), ...tasks]) expect(jwtProblem(request.headers.authorization)).toBeUndefined()
    // The clip's URL is a CDN link: no token goes with it.
    expect(api.requestsTo('files').every((request) => request.headers.authorization === undefined)).toBe(true)
    expect(video.capabilities).toMatchObject({ seconds: [5, 10], audio: false })
  })

  it('text2video sends the aspect ratio and 10 s, and polls under text2video', async () => {
    const video = model()
    const job = await video.start(T2V, call)
    expect(api.requestsTo('kling/create')[0]!.json).toEqual({ model_name: MODEL, prompt: T2V.prompt, duration: '10', mode: 'std', aspect_ratio: '9:16' })
    expect((await pollToEnd(job, video)).state).toBe('done')
    expect(api.requestsTo('kling/task')[0]!.path).toBe(`/v1/videos/text2video/${job.id}`)
  })

  it('a task the risk control stopped is failed with a refusal code; another failure is not a refusal', async () => {
    Object.assign(settings, { outcome: 'failed', failMessage: 'Failure to pass the risk control system' })
    const refused = await pollToEnd(await model().start(I2V, call))
    expect(refused).toEqual({ state: 'failed', message: 'Failure to pass the risk control system', code: 'CONTENT_POLICY' })
    Object.assign(settings, { failMessage: 'internal error, please retry' })
    expect(await pollToEnd(await model().start(I2V, call))).toMatchObject({ state: 'failed', code: 'KLING_FAILED' })
  })

  it('an empty balance (1102, sent as HTTP 429) is E_PROVIDER_QUOTA at once, not retried as a rate limit', async () => {
    api.script('kling/create', klingError(429, 1102, 'Account balance not enough', { 'retry-after': '1' }))
    const error = await failure(model().start(I2V, call))
    expect(error).toBeInstanceOf(ProviderError)
    expect(error.code).toBe('E_PROVIDER_QUOTA')
    expect(error.message).toMatch(/kling:kling-v2-1 \(shot 1\.2\).*Account balance not enough.*Kling code 1102/)
    expect(error.hint).toMatch(/top it up/)
    expect(api.requestsTo('kling/create')).toHaveLength(1)
    expect(sleeps).toEqual([])
    expect(rateLimits).toEqual([])
  })

  it('a content-policy refusal (1301) is E_PROVIDER_REFUSED, not retried', async () => {
    api.script('kling/create', klingError(400, 1301, 'Content security policy triggered'))
    const error = await failure(model().start(I2V, call))
    expect(error.code).toBe('E_PROVIDER_REFUSED')
    expect(error.hint).toMatch(/edit the prompt of shot 1\.2/)
    expect(api.requestsTo('kling/create')).toHaveLength(1)
  })

  it.each([1302, 1303])('a rate limit (%i, 429) is retried after the Retry-After Kling sends, and the lane is told', async (code) => {
    api.script('kling/create', klingError(429, code, 'request rate limit exceeded', { 'retry-after': '2' }), fault.ok)
    const job = await model().start(I2V, call)
    expect(job.attempts).toBe(2)
    expect(sleeps).toEqual([2000])
    expect(rateLimits).toEqual([2000])
    expect(api.requestsTo('kling/create')).toHaveLength(2)
  })

  it('a rate-limit code inside an HTTP 200 is retried too; other codes in a 200 fail the call', async () => {
    api.script('kling/create', klingError(200, 1302, 'too fast'), fault.ok)
    expect((await model().start(I2V, call)).attempts).toBe(2)
    api.script('kling/create', klingError(200, 1200, 'invalid request'))
    const error = await failure(model().start(I2V, call))
    expect(error.code).toBe('E_PROVIDER_HTTP')
    expect(error.message).toMatch(/Kling code 1200: invalid request/)
  })

  it('a bad key pair is a 401 (code 1000) mapped to E_PROVIDER_AUTH, naming both variables, not retried', async () => {
    const error = await failure(model({ env: { ...KEYS, KLING_SECRET_KEY: 'not-the-right-secret-0000' } }).start(I2V, call))
    expect(error.code).toBe('E_PROVIDER_AUTH')
    expect(error.hint).toMatch(/KLING_ACCESS_KEY and KLING_SECRET_KEY/)
    expect(api.requests).toHaveLength(1)
  })

  it('a missing secret key is E_API_KEY_MISSING naming KLING_SECRET_KEY, before any request', async () => {
    const error = await failure(model({ env: { KLING_ACCESS_KEY: KLING_TEST_ACCESS_KEY } }).start(I2V, call))
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.code).toBe('E_API_KEY_MISSING')
    expect(error.message).toContain('KLING_SECRET_KEY')
    expect(api.requests).toHaveLength(0)
  })

  it('a start that keeps answering 503 gives up after budget + 1 attempts; a 500 is never resent (a task may exist)', async () => {
    api.script('kling/create', ...fault.repeat(4, klingError(503, 5001, 'service unavailable')))
    const error = await failure(model().start(I2V, call))
    expect(error.code).toBe('E_PROVIDER_HTTP')
    expect(error.message).toContain('3 attempts')
    api.reset()
    api.script('kling/create', klingError(500, 5000, 'server internal error'))
    await failure(model().start(I2V, call))
    expect(api.requestsTo('kling/create')).toHaveLength(1)
  })

  it('a task Kling no longer knows (404) is E_PROVIDER_JOB_GONE, so the cache layer starts it again', async () => {
    const job = await model().start(I2V, call)
    kling.tasks.delete(job.id)
    const error = await failure(model().status(job, call))
    expect(error.code).toBe('E_PROVIDER_JOB_GONE')
  })

  it('never lets the keys or a token into the job, errors or logs', async () => {
    const job = await model().start(I2V, call)
    api.script('kling/task', klingError(400, 1200, `bad token ${KLING_TEST_ACCESS_KEY} ${KLING_TEST_SECRET_KEY}`))
    const echoed = await failure(model().status(job, call))
    const tokens = api.requests.map((request) => String(request.headers.authorization).replace(/^Bearer /, ''))
    api.script('kling/task', klingError(400, 1200, `you sent ${tokens[0]}`))
    const echoedToken = await failure(model().status(job, call))
    const seen = [JSON.stringify(job), echoed.message, String(echoed.hint), echoedToken.message, ...logs.map((entry) => JSON.stringify(entry))]
    for (const text of seen) {
      for (const secret of [KLING_TEST_ACCESS_KEY, KLING_TEST_SECRET_KEY, ...tokens]) expect(text).not.toContain(secret)
    }
  })
})
