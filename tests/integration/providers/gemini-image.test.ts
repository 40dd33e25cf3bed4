import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ProviderError } from '../../../src/errors.js'
import { imageDimensions } from '../../../src/media/image-dimensions.js'
import { runFfmpeg } from '../../../src/media/run-ffmpeg.js'
import { createAgent } from '../../../src/providers/http/index.js'
import { createGemini } from '../../../src/providers/gemini/provider.js'
import type { GeminiSettings } from '../../../src/providers/gemini/settings.js'
import type { ImageRequest, Media } from '../../../src/providers/types.js'
import { createFakeApi, fault, gemini, geminiFake, TINY_PNG, TINY_PNG_BASE64, type FakeApi } from '../../support/fake-api/index.js'

const REQUEST: ImageRequest = { prompt: 'Mira on the pier at dusk', aspectRatio: '16:9', width: 1280, height: 720, references: [] }
const REF = (label: string) => ({ bytes: TINY_PNG, mediaType: 'image/png', label })
const ROUTE = 'gemini/generateContent'

describe('gemini images', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
  const dispatcher = createAgent({ connectMs: 1_000 })
  let api: FakeApi
  let sleeps: number[]
  beforeAll(async () => {
    api = await createFakeApi({ dialect: 'gemini', auth: 'goog', routes: geminiFake().routes })
  })
  afterAll(async () => {
    await dispatcher.destroy()
    await api.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  beforeEach(() => {
    api.reset()
    sleeps = []
  })

  const provider = (settings: Partial<GeminiSettings> = {}) =>
    createGemini({ baseURL: `${api.url}/v1beta`, env: { GEMINI_API_KEY: api.key }, dispatcher, sleep: async (ms) => void sleeps.push(ms), ...settings })
  const generate = (request: Partial<ImageRequest> = {}, settings: Partial<GeminiSettings> = {}, model = 'gemini-2.5-flash-image') =>
    provider(settings).image!(model).generate({ ...REQUEST, ...request }, { subject: 'frame 1.2' })
  const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable(), (error: unknown) => error as ProviderError)
  const size = (media: Media | undefined) => imageDimensions(media?.kind === 'bytes' ? media.bytes : new Uint8Array())

  it('posts the documented body with the key in x-goog-api-key only', async () => {
    const result = await generate()
    const [request] = api.requestsTo(ROUTE)
    expect(request!.path).toBe('/v1beta/models/gemini-2.5-flash-image:generateContent')
    expect(request!.json).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'Mira on the pier at dusk' }] }],
      generationConfig: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '16:9' } },
    })
    expect(request!.headers['x-goog-api-key']).toBe(api.key)
    expect(request!.headers.authorization).toBeUndefined()
    expect(request!.query).toEqual({})
    expect(result.images[0]).toMatchObject({ kind: 'bytes', mediaType: 'image/png' })
    expect(size(result.images[0])).toEqual({ width: 32, height: 18 })
    expect(result).not.toHaveProperty('costUsd')
  })

  it('sends references as inlineData parts before the prompt', async () => {
    await generate({ references: [REF('Mira, front'), REF('the pier')] })
    const parts = (api.requestsTo(ROUTE)[0]!.json as { contents: { parts: unknown[] }[] }).contents[0]!.parts
    const inline = { inlineData: { mimeType: 'image/png', data: TINY_PNG_BASE64 } }
    expect(parts).toEqual([inline, inline, { text: 'Mira on the pier at dusk' }])
  })

  it('reads GOOGLE_API_KEY when GEMINI_API_KEY is absent', async () => {
    await generate({}, { env: { GOOGLE_API_KEY: api.key } })
    expect(api.requestsTo(ROUTE)[0]!.headers['x-goog-api-key']).toBe(api.key)
  })

  it('asks the 2.0 preview model for TEXT and IMAGE, sends imageSize when set, and fingerprints both', async () => {
    await generate({ aspectRatio: '9:16' }, { image: { imageSize: '2K' } }, 'gemini-2.0-flash-preview-image-generation')
    const config = (api.requestsTo(ROUTE)[0]!.json as { generationConfig: unknown }).generationConfig
    expect(config).toEqual({ responseModalities: ['TEXT', 'IMAGE'], imageConfig: { aspectRatio: '9:16', imageSize: '2K' } })
    expect(provider({ image: { imageSize: '2K' } }).image!('gemini-2.5-flash-image').fingerprint).toEqual({ responseModalities: ['IMAGE'], imageSize: '2K' })
  })

  it('skips thought parts and takes the final image', async () => {
    api.script(ROUTE, gemini.image.thoughtThenImage)
    const result = await generate()
    expect(size(result.images[0])).toEqual({ width: 32, height: 18 })
    expect(result.attempts).toBe(1)
  })

  it('reports NO_IMAGE as E_PROVIDER_EMPTY with the reason and what the model said', async () => {
    api.script(ROUTE, gemini.image.noImage)
    const error = await failure(generate())
    expect(error.code).toBe('E_PROVIDER_EMPTY')
    expect(error.message).toContain('finishReason NO_IMAGE')
    expect(error.message).toContain('I will not draw it')
    expect(error.hint).toContain('--reroll')
    expect(api.requestsTo(ROUTE)).toHaveLength(1)
  })

  it.each([
    ['IMAGE_SAFETY finish', gemini.image.imageSafety, 'finishReason IMAGE_SAFETY'],
    ['blocked prompt', gemini.image.blocked, 'blockReason PROHIBITED_CONTENT'],
  ])('reports a %s as E_PROVIDER_REFUSED without retrying', async (_name, responder, reason) => {
    api.script(ROUTE, responder)
    const error = await failure(generate())
    expect(error.code).toBe('E_PROVIDER_REFUSED')
    expect(error.message).toContain(reason)
    expect(error.hint).toContain('frame 1.2')
    expect(api.requestsTo(ROUTE)).toHaveLength(1)
  })

  it('retries a portrait answer to a landscape request once, then fails', async () => {
    api.script(ROUTE, gemini.image.portrait, fault.ok)
    expect((await generate()).attempts).toBe(2)
    api.reset()
    api.script(ROUTE, gemini.image.portrait, gemini.image.portrait)
    const error = await failure(generate())
    expect(error.code).toBe('E_PROVIDER_BAD_RESPONSE')
    expect(error.message).toContain('asked for a 16:9 image, got 18x32')
    expect(api.requestsTo(ROUTE)).toHaveLength(2)
  })

  it("waits as long as a 429's RetryInfo says", async () => {
    api.script(ROUTE, fault.rateLimit({ geminiDelay: '7s' }), fault.ok)
    const result = await generate()
    expect(sleeps).toEqual([7000])
    expect(result.attempts).toBe(2)
  })

  it('does not retry a per-day quota', async () => {
    api.script(ROUTE, fault.perDayQuota)
    const error = await failure(generate())
    expect(error.code).toBe('E_PROVIDER_QUOTA')
    expect(sleeps).toEqual([])
    expect(api.requestsTo(ROUTE)).toHaveLength(1)
  })

  it("maps Google's 400 API_KEY_INVALID to E_PROVIDER_AUTH naming the variable", async () => {
    api.script(ROUTE, gemini.keyInvalid)
    const error = await failure(generate())
    expect(error.code).toBe('E_PROVIDER_AUTH')
    expect(error.status).toBe(400)
    expect(error.hint).toContain('GEMINI_API_KEY')
    expect(api.requestsTo(ROUTE)).toHaveLength(1)
  })

  it('the fake takes the key as ?key= too, as Google does', async () => {
    const body = { contents: [{ parts: [{ text: 'x' }] }], generationConfig: { responseModalities: ['IMAGE'] } }
    const post = (query: string) =>
      fetch(`${api.url}/v1beta/models/m:generateContent${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    expect((await post(`?key=${api.key}`)).status).toBe(200)
    expect((await post('?key=wrong-key-123456')).status).toBe(401)
  })

  it('reads image sizes from PNG, JPEG, GIF and WebP headers', async () => {
    for (const extension of ['png', 'jpg', 'gif', 'webp']) {
      const file = path.join(dir, `size.${extension}`)
      await runFfmpeg(['-f', 'lavfi', '-i', 'testsrc=size=40x30:duration=0.1', '-frames:v', '1', file], { task: `making ${file}` })
      expect(imageDimensions(fs.readFileSync(file)), extension).toEqual({ width: 40, height: 30 })
    }
    expect(imageDimensions(Buffer.from('not an image'))).toBeUndefined()
  })
})
