import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProviderError } from '../../../src/errors.js'
import { createFal } from '../../../src/providers/fal/provider.js'
import { createAgent } from '../../../src/providers/http/index.js'
import { createOpenRouter } from '../../../src/providers/openrouter/provider.js'
import type { VideoRequest } from '../../../src/providers/types.js'
import { createFakeApi, falFake, openrouterRoutes, type FakeApi, type FalFake } from '../../support/fake-api/index.js'

const REQUEST: VideoRequest = { prompt: 'slow push in', aspectRatio: '16:9', width: 1280, height: 720, seconds: 5 }
const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('expected a failure'), (error: unknown) => error as ProviderError)

/** Every provider maps "I do not know this job" to one code, E_PROVIDER_JOB_GONE, that the cache layer reacts to. */
describe('a job the vendor no longer knows', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
  const dispatcher = createAgent()
  let fal: FalFake
  let falApi: FakeApi
  let openrouter: FakeApi
  beforeAll(async () => {
    fal = falFake({ queuedPolls: 1, runningPolls: 0 })
    falApi = await createFakeApi({ dialect: 'fal', auth: 'key', routes: fal.routes })
    openrouter = await createFakeApi({ dialect: 'openrouter', routes: openrouterRoutes() })
  })
  afterAll(async () => {
    await dispatcher.destroy()
    await Promise.all([falApi.close(), openrouter.close()])
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const falProvider = () => createFal({ baseURL: falApi.url, env: { FAL_KEY: falApi.key }, dispatcher, downloadDir: dir, sleep: async () => undefined, imagePollIntervalMs: 1 })

  it('fal video: a status poll answering 404 is E_PROVIDER_JOB_GONE, not "check the model id"', async () => {
    const video = falProvider().video!('fal-ai/kling-video/v2.1/master/text-to-video')
    const job = await video.start(REQUEST)
    fal.requests.clear()
    const error = await failure(video.status(job, { subject: 'shot 1' }))
    expect(error.code).toBe('E_PROVIDER_JOB_GONE')
    expect(error.message).toContain(`no longer knows job ${job.id}`)
    expect(error.hint).not.toMatch(/model id/)
  })

  it('fal image: a resumed request fal no longer knows is E_PROVIDER_JOB_GONE', async () => {
    const image = falProvider().image!('fal-ai/flux/schnell')
    const resume = { id: 'req-expired', state: { status_url: `${falApi.url}/fal-ai/flux/requests/req-expired/status`, response_url: `${falApi.url}/fal-ai/flux/requests/req-expired` } }
    const error = await failure(image.generate({ prompt: 'a gull', aspectRatio: '16:9', width: 1280, height: 720, references: [] }, { job: { resume } }))
    expect(error.code).toBe('E_PROVIDER_JOB_GONE')
    expect(falApi.requestsTo('fal/submit').filter((request) => request.path === '/fal-ai/flux/schnell')).toHaveLength(0)
  })

  it('openrouter video: a poll answering 404 is E_PROVIDER_JOB_GONE', async () => {
    const video = createOpenRouter({ baseURL: `${openrouter.url}/api/v1`, env: { OPENROUTER_API_KEY: openrouter.key }, dispatcher, downloadDir: dir, maxRetries: 0 }).video!(
      'google/veo-3.1-fast',
    )
    const error = await failure(video.status({ id: 'job-unknown', state: { id: 'job-unknown', polling_url: '/api/v1/videos/job-unknown' } }))
    expect(error.code).toBe('E_PROVIDER_JOB_GONE')
  })
})
