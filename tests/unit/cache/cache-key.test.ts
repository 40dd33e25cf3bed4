import { describe, expect, it } from 'vitest'
import { cacheKey, modelCacheKey } from '../../../src/cache/cache-key.js'
import { canonicalJson } from '../../../src/cache/canonical-json.js'
import type { ImageRequest, VideoRequest } from '../../../src/providers/types.js'

const png = (fill: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, fill, fill, fill])

const image = (overrides: Partial<ImageRequest> = {}): ImageRequest => ({
  prompt: 'a lighthouse at night',
  aspectRatio: '16:9',
  width: 1280,
  height: 720,
  references: [{ bytes: png(1), mediaType: 'image/png', label: 'Mira, front' }],
  seed: 7,
  ...overrides,
})

const key = (request: ImageRequest | VideoRequest, kind: 'image' | 'video' = 'image') =>
  cacheKey({ kind, provider: 'offline', modelId: 'card-v1', request })

describe('cacheKey', () => {
  it('is "v1:" and a sha256, the same for the same request', () => {
    expect(key(image())).toMatch(/^v1:[0-9a-f]{64}$/)
    expect(key(image())).toBe(key(image()))
  })

  it('ignores key order, at every depth', () => {
    const a = { messages: [{ role: 'user', content: 'hi' }], temperature: 0.2, schema: { name: 'x', schema: { a: 1, b: { c: 2, d: 3 } } } }
    const b = { schema: { schema: { b: { d: 3, c: 2 }, a: 1 }, name: 'x' }, temperature: 0.2, messages: [{ content: 'hi', role: 'user' }] }
    expect(cacheKey({ kind: 'chat', provider: 'p', modelId: 'm', request: a as never })).toBe(
      cacheKey({ kind: 'chat', provider: 'p', modelId: 'm', request: b as never }),
    )
  })

  it('drops undefined fields: { take: undefined } is {}', () => {
    expect(key(image({ take: undefined }))).toBe(key(image()))
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}')
  })

  it('changes with the bytes of an input image, not just its label', () => {
    const other = image({ references: [{ bytes: png(2), mediaType: 'image/png', label: 'Mira, front' }] })
    expect(key(other)).not.toBe(key(image()))
    expect(canonicalJson(image().references[0])).toMatch(/"sha256":"[0-9a-f]{64}"/)
    expect(canonicalJson(image().references[0])).not.toMatch(/bytes/)
  })

  it('changes with take, seed, prompt, size, provider, model, kind and fingerprint', () => {
    const base = key(image())
    const variants = [
      key(image({ take: 1 })),
      key(image({ seed: 8 })),
      key(image({ prompt: 'a lighthouse at dawn' })),
      key(image({ width: 720, height: 1280 })),
      cacheKey({ kind: 'image', provider: 'openai', modelId: 'card-v1', request: image() }),
      cacheKey({ kind: 'image', provider: 'offline', modelId: 'card-v2', request: image() }),
      cacheKey({ kind: 'image', provider: 'offline', modelId: 'card-v1', fingerprint: { renderer: 2 }, request: image() }),
    ]
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1)
  })

  it('reads only the identity of a model: secrets, headers, timeouts and URLs never reach the key', () => {
    const model = { kind: 'image' as const, provider: 'openai', modelId: 'gpt-image-1', fingerprint: { quality: 'high' } }
    const loaded = {
      ...model,
      apiKey: 'sk-secret',
      headers: { authorization: 'Bearer sk-secret' },
      timeoutMs: 30_000,
      baseUrl: 'https://user:pass@api.example.com/v1',
      outputPath: '/tmp/out.png',
    }
    expect(modelCacheKey(loaded, image())).toBe(modelCacheKey(model, image()))
  })

  it('treats a first frame like any input image', () => {
    const video = (fill: number): VideoRequest => ({
      prompt: 'slow push in',
      image: { bytes: png(fill), mediaType: 'image/png', label: 'first frame' },
      aspectRatio: '16:9',
      width: 1280,
      height: 720,
      seconds: 4,
    })
    expect(key(video(1), 'video')).not.toBe(key(video(2), 'video'))
    expect(key(video(1), 'video')).not.toBe(key(video(1) as never, 'image'))
  })
})
