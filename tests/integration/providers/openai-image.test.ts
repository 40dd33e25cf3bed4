import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ProviderError } from '../../../src/errors.js'
import { createAgent } from '../../../src/providers/http/index.js'
import { nearestSize } from '../../../src/providers/openai/settings.js'
import { createOpenAI } from '../../../src/providers/openai/provider.js'
import type { ImageRequest } from '../../../src/providers/types.js'
import { createFakeApi, fault, TINY_PNG, type FakeApi } from '../../support/fake-api/index.js'

const REQUEST: ImageRequest = { prompt: 'Mira on the pier', aspectRatio: '16:9', width: 1280, height: 720, references: [] }
const REF = (label: string) => ({ bytes: TINY_PNG, mediaType: 'image/png', label })

describe('openai images', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
  const dispatcher = createAgent()
  let api: FakeApi
  beforeAll(async () => {
    api = await createFakeApi()
  })
  afterAll(async () => {
    await dispatcher.destroy()
    await api.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  beforeEach(() => api.reset())

  const provider = () =>
    createOpenAI({ baseURL: `${api.url}/v1`, env: { OPENAI_API_KEY: api.key }, dispatcher, downloadDir: dir, sleep: async () => {}, image: { quality: 'medium' } })
  const generate = (request: Partial<ImageRequest> = {}, id = 'gpt-image-1') => provider().image!(id).generate({ ...REQUEST, ...request }, { subject: 'frame 1.2' })
  const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable(), (error: unknown) => error as ProviderError)

  it('generates with JSON, the nearest size and no response_format for gpt-image', async () => {
    const result = await generate()
    const body = api.requestsTo('images/generations')[0]!.json as Record<string, unknown>
    expect(body).toEqual({ model: 'gpt-image-1', prompt: 'Mira on the pier', n: 1, size: '1536x1024', quality: 'medium' })
    expect(result.images).toEqual([{ kind: 'bytes', bytes: TINY_PNG, mediaType: 'image/png' }])
    // Money is the meter's business (configs/prices.yaml); the provider reports none.
    expect(result).not.toHaveProperty('costUsd')
  })

  it('maps aspect ratios to the nearest supported size', () => {
    const sizes = ['1024x1024', '1536x1024', '1024x1536']
    expect(nearestSize(1080, 1920, sizes)).toBe('1024x1536')
    expect(nearestSize(1000, 1000, sizes)).toBe('1024x1024')
    expect(nearestSize(1920, 1080, sizes)).toBe('1536x1024')
  })

  it('edits with one repeated image[] part per reference', async () => {
    await generate({ references: [REF('Mira, front'), REF('the pier')] })
    const parts = api.requestsTo('images/edits')[0]!.parts!
    expect(parts.filter((p) => p.name === 'image[]').map((p) => [p.filename, p.type, p.bytes?.length])).toEqual([
      ['reference-1.png', 'image/png', TINY_PNG.length],
      ['reference-2.png', 'image/png', TINY_PNG.length],
    ])
    expect(Object.fromEntries(parts.filter((p) => p.value !== undefined).map((p) => [p.name, p.value]))).toEqual({
      model: 'gpt-image-1',
      prompt: 'Mira on the pier',
      n: '1',
      size: '1536x1024',
      quality: 'medium',
    })
  })

  it('asks dall-e-3 for base64, drops references with a warning, and downloads a url answer', async () => {
    api.script('images/generations', fault.json({ created: 1, data: [{ url: `${api.url}/files/tiny.png` }] }))
    const result = await generate({ references: [REF('Mira')] }, 'dall-e-3')
    expect(api.requestsTo('images/generations')[0]!.json).toMatchObject({ response_format: 'b64_json', size: '1792x1024' })
    expect(result.warnings?.[0]).toContain('1 reference image(s) not sent')
    expect(result.images[0]).toMatchObject({ kind: 'file', mediaType: 'image/png' })
    expect(api.requestsTo('files')[0]!.headers.authorization).toBeUndefined()
  })

  it('reports data: [] as E_PROVIDER_EMPTY', async () => {
    api.script('images/generations', fault.json({ created: 1, data: [] }))
    expect((await failure(generate())).code).toBe('E_PROVIDER_EMPTY')
  })

  it('rejects base64 that is not an image', async () => {
    const notImage = Buffer.from('{"error":"nope"}').toString('base64')
    api.script('images/generations', ...fault.repeat(2, fault.json({ created: 1, data: [{ b64_json: notImage }] })))
    const error = await failure(generate())
    expect(error.code).toBe('E_PROVIDER_BAD_RESPONSE')
    expect(error.message).toContain('expected an image')
  })

  it('maps a moderation block to E_PROVIDER_REFUSED without retrying', async () => {
    api.script('images/edits', fault.contentPolicy)
    const error = await failure(generate({ references: [REF('Mira')] }))
    expect(error.code).toBe('E_PROVIDER_REFUSED')
    expect(error.message).toContain('frame 1.2')
    expect(api.requestsTo('images/edits')).toHaveLength(1)
  })

  it('resends the multipart form intact on a retry', async () => {
    api.script('images/edits', fault.serverError(503), fault.ok)
    const result = await generate({ references: [REF('Mira')] })
    expect(result.attempts).toBe(2)
    const [first, second] = api.requestsTo('images/edits')
    expect(second!.body.length).toBeGreaterThan(0)
    expect(second!.parts!.map((p) => p.name)).toEqual(first!.parts!.map((p) => p.name))
  })

  it('puts output-affecting settings in the fingerprint, never keys or URLs', () => {
    const model = provider().image!('gpt-image-1')
    expect(model.fingerprint).toEqual({ sizes: 'nearest-aspect', quality: 'medium' })
  })
})
