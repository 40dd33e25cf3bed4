import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ProviderError } from '../../../src/errors.js'
import { createElevenLabs } from '../../../src/providers/elevenlabs/provider.js'
import { createAgent } from '../../../src/providers/http/index.js'
import { createFakeApi, elevenlabsRoutes, type FakeApi, fault } from '../../support/fake-api/index.js'

describe('elevenlabs music', () => {
  const dispatcher = createAgent({ connectMs: 1_000 })
  let api: FakeApi
  beforeAll(async () => {
    api = await createFakeApi({ dialect: 'elevenlabs', auth: 'xi', routes: elevenlabsRoutes })
  })
  afterAll(async () => {
    await dispatcher.destroy()
    await api.close()
  })
  beforeEach(() => api.reset())
  const music = () => {
    const provider = createElevenLabs({ baseURL: api.url, env: { ELEVENLABS_API_KEY: api.key }, dispatcher, maxRetries: 1, sleep: async () => undefined })
    return provider.music!(provider.defaults.music!)
  }

  it('posts prompt, length in ms and instrumental to /v1/music and returns MP3', async () => {
    const result = await music().generate({ prompt: 'slow strings, uneasy', seconds: 42.5, seed: 3 }, { subject: 'scene 1' })
    const [request] = api.requestsTo('elevenlabs/music')
    expect(request!.query).toEqual({ output_format: 'mp3_44100_128' })
    // No seed: the API refuses one together with a prompt.
    expect(request!.json).toEqual({ prompt: 'slow strings, uneasy', music_length_ms: 42_500, model_id: 'music_v1', force_instrumental: true })
    expect(result.audio.mediaType).toBe('audio/mpeg')
    expect(result.durationS).toBe(42.5)
    expect(result.warnings).toBeUndefined()
  })

  it('clamps the length to what the model makes, with a warning', async () => {
    const result = await music().generate({ prompt: 'a sting', seconds: 1 })
    expect((api.requestsTo('elevenlabs/music')[0]!.json as { music_length_ms: number }).music_length_ms).toBe(3000)
    expect(result.warnings?.[0]).toContain('3s')
  })

  it('fails as a ProviderError naming the model and scene when the vendor keeps failing', async () => {
    api.script('elevenlabs/music', ...fault.repeat(3, fault.serverError(503)))
    const error = await music().generate({ prompt: 'rain', seconds: 10 }, { subject: 'scene 2' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).message).toContain('elevenlabs:music_v1')
    expect((error as ProviderError).message).toContain('scene 2')
  })
})
