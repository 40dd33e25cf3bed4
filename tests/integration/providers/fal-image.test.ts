import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ProviderError } from '../../../src/errors.js'
import { createFal } from '../../../src/providers/fal/provider.js'
import { createAgent } from '../../../src/providers/http/index.js'
import type { ImageRequest } from '../../../src/providers/types.js'
import { createFakeApi, fault, falRoutes, TINY_PNG, TINY_PNG_BASE64, type FakeApi, type FalFakeSettings } from '../../support/fake-api/index.js'

const REQUEST: ImageRequest = { prompt: 'Mira on the pier', aspectRatio: '16:9', width: 1280, height: 720, references: [], seed: 3 }
const REF = (label: string) => ({ bytes: TINY_PNG, mediaType: 'image/png', label })

describe('fal images over the queue', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
  const dispatcher = createAgent()
  const fake: FalFakeSettings = {}
  let api: FakeApi
  let sleeps: number[]
  beforeAll(async () => {
    api = await createFakeApi({ dialect: 'fal', auth: 'key', routes: falRoutes(fake) })
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
  })

  const model = (id = 'fal-ai/flux/schnell') =>
    createFal({
      baseURL: api.url,
      env: { FAL_KEY: api.key },
      dispatcher,
      downloadDir: dir,
      sleep: async (ms) => void sleeps.push(ms),
      imagePollIntervalMs: 500,
      imageTimeoutMs: 5_000,
    }).image!(id)
  const generate = (request: Partial<ImageRequest> = {}, id?: string) => model(id).generate({ ...REQUEST, ...request }, { subject: 'frame 1.2' })
  const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('expected a failure'), (error: unknown) => error as ProviderError)

  it('submits flux input, polls at the image interval and downloads from the CDN without the key', async () => {
    const result = await generate()
    const [submit] = api.requestsTo('fal/submit')
    expect(submit!.path).toBe('/fal-ai/flux/schnell')
    expect(submit!.json).toEqual({ prompt: 'Mira on the pier', image_size: 'landscape_16_9', num_images: 1, seed: 3 })
    expect(submit!.headers.authorization).toBe(`Key ${api.key}`)
    expect(api.requestsTo('fal/status').map((r) => r.path)).toEqual(Array(4).fill(expect.stringMatching(/^\/fal-ai\/flux\/requests\/req-\d+\/status$/)))
    expect(sleeps).toEqual([500, 500, 500])
    expect(api.requestsTo('files')[0]!.headers.authorization).toBeUndefined()
    expect(result.images[0]).toMatchObject({ kind: 'file', mediaType: 'image/png' })
    expect(result.requestId).toMatch(/^req-/)
    expect(result.warnings).toBeUndefined()
  })

  it('sends references to FLUX Kontext as one image_url, warning about the rest', async () => {
    const result = await generate({ references: [REF('Mira'), REF('the pier')] })
    const [submit] = api.requestsTo('fal/submit')
    expect(submit!.path).toBe('/fal-ai/flux-pro/kontext')
    expect(submit!.json).toEqual({ prompt: 'Mira on the pier', aspect_ratio: '16:9', image_url: `data:image/png;base64,${TINY_PNG_BASE64}`, num_images: 1, seed: 3 })
    expect(api.requestsTo('fal/status')[0]!.path).toMatch(/^\/fal-ai\/flux-pro\/requests\//)
    expect(result.warnings).toEqual(['sent to fal-ai/flux-pro/kontext: fal-ai/flux/schnell takes no input image', '1 reference image(s) not sent: fal-ai/flux-pro/kontext takes one'])
    expect(model().fingerprint).toEqual({ withReferences: 'fal-ai/flux-pro/kontext' })
  })

  it('sends a Kontext request without references to its text-to-image sibling', async () => {
    await generate({}, 'fal-ai/flux-pro/kontext')
    expect(api.requestsTo('fal/submit')[0]!.path).toBe('/fal-ai/flux-pro/kontext/text-to-image')
  })

  it('reports a 422 at the result as a failed request, without resubmitting', async () => {
    Object.assign(fake, { outcome: 'invalid', queuedPolls: 0, runningPolls: 0 })
    const error = await failure(generate())
    expect(error.code).toBe('E_PROVIDER_FAILED')
    expect(error.message).toContain('HTTP 422: body.prompt: Input image is too small')
    expect(error.message).toContain('frame 1.2')
    expect(api.requestsTo('fal/submit')).toHaveLength(1)
  })

  it('treats a flagged output as a refusal', async () => {
    Object.assign(fake, { queuedPolls: 0, runningPolls: 0 })
    api.script('fal/result', fault.json({ images: [{ url: `${api.url}/files/tiny.png` }], has_nsfw_concepts: [true] }))
    expect((await failure(generate())).code).toBe('E_PROVIDER_REFUSED')
  })

  it('stops polling a request stuck IN_QUEUE after its timeout', async () => {
    fake.stuck = true
    const error = await failure(generate())
    expect(error.code).toBe('E_PROVIDER_TIMEOUT')
    expect(error.message).toContain('still IN_QUEUE after 10 polls')
    expect(api.requestsTo('fal/status')).toHaveLength(10)
  })

  it('retries a 429 on the status poll as the vendor asks', async () => {
    Object.assign(fake, { queuedPolls: 0, runningPolls: 0 })
    api.script('fal/status', fault.rateLimit({ retryAfter: 1 }), fault.ok)
    await generate()
    expect(sleeps).toEqual([1000])
  })
})
