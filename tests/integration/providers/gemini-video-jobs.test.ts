import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { shootClip, type ShootClipOptions } from '../../../src/agents/camera-operator.js'
import type { ProviderError } from '../../../src/errors.js'
import { probeMedia } from '../../../src/media/probe.js'
import { createAgent, type HttpLogEntry } from '../../../src/providers/http/index.js'
import { createGemini } from '../../../src/providers/gemini/provider.js'
import type { VideoRequest } from '../../../src/providers/types.js'
import { createFakeApi, fault, gemini, geminiFake, TINY_PNG, type FakeApi, type GeminiFake } from '../../support/fake-api/index.js'
import { makeTestVideo } from '../media/fixtures.js'

const REQUEST: VideoRequest = { prompt: 'slow push in on Mira', aspectRatio: '16:9', width: 1280, height: 720, seconds: 4, image: { bytes: TINY_PNG, mediaType: 'image/png', label: 'first frame' } }
const START = 'gemini/predictLongRunning'
const POLL = 'gemini/operation'
const DOWNLOAD = 'gemini/download'

/** Whole Veo jobs through the camera operator: start once, poll with the injected sleep, download. */
describe('gemini veo jobs', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
  const dispatcher = createAgent({ connectMs: 1_000 })
  let api: FakeApi
  /** A second origin for the storage redirect: the key must not follow the client there. */
  let storage: FakeApi
  let fake: GeminiFake
  let sleeps: number[]
  let logs: HttpLogEntry[]
  beforeAll(async () => {
    fake = geminiFake()
    api = await createFakeApi({ dialect: 'gemini', auth: 'goog', routes: fake.routes })
    storage = await createFakeApi({ dialect: 'gemini', auth: 'goog', routes: fake.routes })
  })
  afterAll(async () => {
    await dispatcher.destroy()
    await Promise.all([api.close(), storage.close()])
    fs.rmSync(dir, { recursive: true, force: true })
  })
  beforeEach(() => {
    api.reset()
    storage.reset()
    Object.assign(fake, { pendingPolls: 2, storageOrigin: undefined, video: undefined })
    sleeps = []
    logs = []
  })

  const model = () =>
    createGemini({
      baseURL: `${api.url}/v1beta`,
      env: { GEMINI_API_KEY: api.key },
      dispatcher,
      downloadDir: dir,
      pollIntervalMs: 10,
      maxRetries: 1,
      sleep: async (ms) => void sleeps.push(ms),
      log: (entry) => logs.push(entry),
    }).video!('veo-3.1-fast-generate-preview')
  const shoot = (options: Partial<ShootClipOptions> = {}) =>
    shootClip(model(), REQUEST, { subject: 'shot 1.2', sleep: async (ms) => void sleeps.push(ms), ...options })
  const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable(), (error: unknown) => error as ProviderError)

  it('polls until done with the injected sleep and returns a decodable clip', async () => {
    const clip = path.join(dir, 'real.mp4')
    await makeTestVideo(clip, { width: 64, height: 36, fps: 12, seconds: 1 })
    fake.video = clip
    const shot = await shoot()
    expect(shot.polls).toBe(3)
    expect(sleeps).toEqual([10, 10])
    expect(api.requestsTo(START)).toHaveLength(1)
    expect(shot.video).toMatchObject({ kind: 'file', mediaType: 'video/mp4' })
    const probe = await probeMedia(shot.video.kind === 'file' ? shot.video.path : '')
    expect(probe.video).toMatchObject({ width: 64, height: 36 })
  })

  it('follows the download redirect to another host without the key', async () => {
    fake.storageOrigin = storage.url
    const shot = await shoot()
    expect(shot.video.mediaType).toBe('video/mp4')
    expect(api.requestsTo(DOWNLOAD)[0]!.headers['x-goog-api-key']).toBe(api.key)
    const [stored] = storage.requestsTo('gemini/storage')
    expect(stored).toBeDefined()
    expect(stored!.headers['x-goog-api-key']).toBeUndefined()
    expect(JSON.stringify(stored!.headers)).not.toContain(api.key)
  })

  it('a video job that fails after its start is never restarted by a poll retry', async () => {
    // A status call that fails even after the HTTP layer's retry, then the job's own failure.
    api.script(POLL, fault.serverError(503), fault.serverError(503), gemini.veo.failed(3, 'The prompt could not be rendered.'))
    const error = await failure(shoot())
    expect(error.code).toBe('E_PROVIDER_FAILED')
    expect(error.message).toContain('The prompt could not be rendered.')
    expect(error.details).toEqual(['code: INVALID_ARGUMENT'])
    expect(api.requestsTo(START)).toHaveLength(1)
    expect(api.requestsTo(POLL)).toHaveLength(3)
  })

  it('ends an RAI-filtered job with a clear failure', async () => {
    api.script(POLL, gemini.veo.filtered(['Contains a celebrity likeness.']))
    const error = await failure(shoot())
    expect(error.code).toBe('E_PROVIDER_FAILED')
    expect(error.message).toMatch(/safety filters withheld the clip \(Contains a celebrity likeness\.\); filtered clips are not billed/)
  })

  it('reports an expired download link as a job Veo no longer knows (E_PROVIDER_JOB_GONE), so it is started afresh, not polled forever', async () => {
    fake.pendingPolls = 0
    const veo = model()
    const job = await veo.start(REQUEST)
    api.script(DOWNLOAD, gemini.veo.expired)
    const error = await failure(veo.status(job, { subject: 'shot 1.2' }))
    expect(error.code).toBe('E_PROVIDER_JOB_GONE')
    expect(error.message).toContain('shot 1.2')
    expect(error.message).toContain(`no longer knows job ${job.id}`)
    expect(error.hint).toMatch(/started again/)
    expect(api.requestsTo(DOWNLOAD)).toHaveLength(1)
  })

  it('reports an operation the API no longer knows (404) as E_PROVIDER_JOB_GONE, not "check the model id"', async () => {
    const veo = model()
    const job = await veo.start(REQUEST)
    fake.operations.clear()
    const error = await failure(veo.status(job))
    expect(error.code).toBe('E_PROVIDER_JOB_GONE')
    expect(error.hint).not.toMatch(/model id/)
    expect(api.requestsTo(POLL)).toHaveLength(1)
  })

  it('gives up on a job that never finishes, without starting another', async () => {
    fake.pendingPolls = Infinity
    let clock = 0
    const error = await failure(shoot({ now: () => clock, timeoutMs: 100, sleep: async (ms) => void (clock += ms) }))
    expect(error.code).toBe('E_PROVIDER_TIMEOUT')
    expect(error.hint).toContain('resume polling the same job')
    expect(api.requestsTo(START)).toHaveLength(1)
    expect(api.requestsTo(POLL).length).toBeGreaterThan(5)
  })

  it('keeps the key out of job state, errors, logs and recorded requests (except the auth header)', async () => {
    fake.storageOrigin = storage.url
    const job = await model().start(REQUEST)
    const shot = await shoot({ job })
    api.script(START, fault.status(400, { message: `bad request from key ${api.key}` }))
    const error = await failure(shoot())
    const seen = [JSON.stringify(job), JSON.stringify(shot.meta), error.message, String(error.hint), ...logs.map((entry) => JSON.stringify(entry))]
    for (const request of [...api.requests, ...storage.requests]) {
      const { 'x-goog-api-key': _key, ...headers } = request.headers
      seen.push(JSON.stringify(headers), request.path, JSON.stringify(request.query), request.body.toString('latin1'))
    }
    for (const text of seen) expect(text).not.toContain(api.key)
    expect(logs.length).toBeGreaterThan(4)
  })
})
