import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ProviderError } from '../../../src/errors.js'
import { createAgent } from '../../../src/providers/http/index.js'
import { createOpenRouter } from '../../../src/providers/openrouter/provider.js'
import type { ImageRequest } from '../../../src/providers/types.js'
import { createFakeApi, fault, insufficientCredits, openrouterRateLimit, openrouterRoutes, TINY_PNG, TINY_PNG_BASE64, type FakeApi } from '../../support/fake-api/index.js'

const MODEL = 'google/gemini-2.5-flash-image'
const REQUEST: ImageRequest = { prompt: 'Mira on the pier', aspectRatio: '9:16', width: 720, height: 1280, references: [], seed: 41, take: 1 }
const REF = (label: string) => ({ bytes: TINY_PNG, mediaType: 'image/png', label })
const DATA_URL = `data:image/png;base64,${TINY_PNG_BASE64}`

describe('openrouter images', () => {
  const dispatcher = createAgent()
  let api: FakeApi
  let sleeps: number[]
  beforeAll(async () => {
    api = await createFakeApi({ dialect: 'openrouter', routes: openrouterRoutes() })
  })
  afterAll(async () => {
    await dispatcher.destroy()
    await api.close()
  })
  beforeEach(() => {
    api.reset()
    sleeps = []
  })

  const model = () =>
    createOpenRouter({
      baseURL: `${api.url}/api/v1`,
      env: { OPENROUTER_API_KEY: api.key },
      dispatcher,
      sleep: async (ms) => void sleeps.push(ms),
      image: { resolution: '1K' },
    }).image!(MODEL)
  const generate = (request: Partial<ImageRequest> = {}) => model().generate({ ...REQUEST, ...request }, { subject: 'frame 1.2' })
  const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('expected a failure'), (error: unknown) => error as ProviderError)

  it('posts model, prompt, n, aspect_ratio, seed and references as data URLs, with the Bearer key', async () => {
    const result = await generate({ references: [REF('Mira, front'), REF('the pier')] })
    const [sent] = api.requestsTo('images')
    expect(sent!.json).toEqual({
      model: MODEL,
      prompt: 'Mira on the pier',
      n: 1,
      aspect_ratio: '9:16',
      resolution: '1K',
      seed: 42,
      input_references: [
        { type: 'image_url', image_url: { url: DATA_URL } },
        { type: 'image_url', image_url: { url: DATA_URL } },
      ],
    })
    expect(sent!.headers.authorization).toBe(`Bearer ${api.key}`)
    expect(result.images).toEqual([{ kind: 'bytes', bytes: TINY_PNG, mediaType: 'image/png' }])
    // OpenRouter's usage.cost is not passed on: every cost comes from the one price table.
    expect(result).not.toHaveProperty('costUsd')
    expect(model().fingerprint).toEqual({ resolution: '1K' })
  })

  it('sends no input_references without references, and strips a data: prefix from b64_json', async () => {
    api.script('images', fault.json({ data: [{ b64_json: DATA_URL, media_type: 'image/jpeg' }] }))
    const result = await generate()
    expect(api.requestsTo('images')[0]!.json).not.toHaveProperty('input_references')
    // The bytes are sniffed: a wrong media_type does not mislabel them.
    expect(result.images[0]).toMatchObject({ mediaType: 'image/png' })
  })

  it('reports data: [] as E_PROVIDER_EMPTY', async () => {
    api.script('images', fault.json({ data: [] }))
    expect((await failure(generate())).code).toBe('E_PROVIDER_EMPTY')
  })

  it('reads an error inside a 200 as a failure, with the upstream’s words', async () => {
    api.script('images', fault.json({ error: { code: 400, message: 'Provider returned error', metadata: { provider_name: 'Google', raw: 'aspect ratio unsupported' } } }))
    const error = await failure(generate())
    expect(error.code).toBe('E_PROVIDER_HTTP')
    expect(error.message).toContain('aspect ratio unsupported')
    expect(api.requestsTo('images')).toHaveLength(1)
  })

  it('maps a 402 to E_PROVIDER_QUOTA without retrying', async () => {
    api.script('images', insufficientCredits)
    const error = await failure(generate())
    expect(error.code).toBe('E_PROVIDER_QUOTA')
    expect(error.hint).toContain('credit')
    expect(api.requestsTo('images')).toHaveLength(1)
  })

  it('waits out a 429 as long as Retry-After says', async () => {
    api.script('images', openrouterRateLimit(3), fault.ok)
    const result = await generate()
    expect(result.attempts).toBe(2)
    expect(sleeps).toEqual([3000])
  })
})
