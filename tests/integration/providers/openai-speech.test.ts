import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/errors.js'
import { createAgent } from '../../../src/providers/http/index.js'
import { createOpenAISpeech } from '../../../src/providers/openai/speech-provider.js'
import { createFakeApi, type FakeApi, speechRoute } from '../../support/fake-api/index.js'
import { describeSpeechProvider } from '../../support/speech-conformance.js'

type Body = Record<string, unknown>

describeSpeechProvider({
  name: 'openai',
  model: 'gpt-4o-mini-tts',
  voice: 'coral',
  envVar: 'OPENAI_API_KEY',
  route: 'audio/speech',
  fakeRoutes: [speechRoute()],
  sentText: (request) => String((request.json as Body).input),
  maxChars: 4096,
  keyHeader: 'authorization',
  make: (url, env, inject) => createOpenAISpeech({ baseURL: `${url}/v1`, env, ...inject }),
})

describe('openai speech requests', () => {
  const dispatcher = createAgent({ connectMs: 1_000 })
  let api: FakeApi
  beforeAll(async () => {
    api = await createFakeApi({ routes: [speechRoute()] })
  })
  afterAll(async () => {
    await dispatcher.destroy()
    await api.close()
  })
  beforeEach(() => api.reset())
  const provider = (speech = {}) => createOpenAISpeech({ baseURL: `${api.url}/v1`, env: { OPENAI_API_KEY: api.key }, dispatcher, speech })
  const sent = () => api.requestsTo('audio/speech').map((r) => r.json as Body)

  it('posts model, input, voice, pcm format, speed and instructions to /v1/audio/speech', async () => {
    await provider().speech('gpt-4o-mini-tts').generate({ text: 'Who is there?', voice: 'Sage', language: 'en', instructions: 'whispering, frightened', speed: 0.9 })
    expect(api.requestsTo('audio/speech')[0]!.path).toBe('/v1/audio/speech')
    expect(sent()).toEqual([{ model: 'gpt-4o-mini-tts', input: 'Who is there?', voice: 'sage', response_format: 'pcm', speed: 0.9, instructions: 'whispering, frightened' }])
  })

  it('leaves instructions out for tts-1, which refuses them', async () => {
    const result = await provider().speech('tts-1').generate({ text: 'Hello.', voice: 'alloy', language: 'en', instructions: 'cheerful' })
    expect(sent()[0]).not.toHaveProperty('instructions')
    expect(result.audio.mediaType).toBe('audio/wav')
  })

  it('knows tts-1 lacks the newer voices', async () => {
    const error = await provider().speech('tts-1').generate({ text: 'Hello.', voice: 'ballad', language: 'en' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).message).toBe('openai:tts-1 has no voice "ballad"')
    expect((error as ConfigError).hint).not.toContain('ballad')
    expect(api.requests).toHaveLength(0)
  })

  it('asks for mp3 when configured, and returns it as audio/mpeg without a duration', async () => {
    const result = await provider({ format: 'mp3' }).speech('tts-1-hd').generate({ text: 'Hello.', voice: 'nova', language: 'en' })
    expect(sent()[0]!.response_format).toBe('mp3')
    expect(result.audio.mediaType).toBe('audio/mpeg')
    expect(result.durationS).toBeUndefined()
  })

  it('puts the output format in the fingerprint, so changing it misses the cache', () => {
    expect(provider().speech('tts-1').fingerprint).toEqual({ format: 'pcm', sampleRate: 24000 })
    expect(provider({ format: 'mp3' }).speech('tts-1').fingerprint).toEqual({ format: 'mp3' })
  })
})
