import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { wavToPcm } from '../../../src/audio/wav.js'
import { createAgent } from '../../../src/providers/http/index.js'
import { createCompatibleSpeech } from '../../../src/providers/openai-compatible/speech-provider.js'
import { createFakeApi, type FakeApi, SECONDS_PER_CHAR, speechRoute } from '../../support/fake-api/index.js'
import { bytesOf, describeSpeechProvider } from '../../support/speech-conformance.js'

type Body = Record<string, unknown>

describeSpeechProvider({
  name: 'compatible (piper)',
  model: 'tts-1',
  voice: 'onyx',
  envVar: 'PIPER_API_KEY',
  keyOptional: true,
  route: 'audio/speech',
  fakeRoutes: [speechRoute({ wavRate: 22_050 })],
  sentText: (request) => String((request.json as Body).input),
  maxChars: 4096,
  keyHeader: 'authorization',
  make: (url, env, inject) => createCompatibleSpeech({ preset: 'piper', baseURL: `${url}/v1`, env, ...inject }),
})

describe('compatible speech servers', () => {
  const dispatcher = createAgent({ connectMs: 1_000 })
  let api: FakeApi
  beforeAll(async () => {
    api = await createFakeApi({ auth: 'none', routes: [speechRoute({ anyVoice: true, wavRate: 22_050 })] })
  })
  afterAll(async () => {
    await dispatcher.destroy()
    await api.close()
  })
  beforeEach(() => api.reset())

  it('asks a local Kokoro server for WAV in its own voice names, with no key and no Authorization header', async () => {
    const provider = createCompatibleSpeech({ preset: 'kokoro', baseURL: `${api.url}/v1`, env: {}, dispatcher, voices: ['af_bella', 'am_adam'] })
    const result = await provider.speech(provider.defaults.speech!).generate({ text: 'Hello there.', voice: 'af_bella', language: 'en', instructions: 'calm' })
    const [request] = api.requestsTo('audio/speech')
    expect(request!.json).toEqual({ model: 'kokoro', input: 'Hello there.', voice: 'af_bella', response_format: 'wav' })
    expect(request!.headers.authorization).toBeUndefined()
    // The server's own rate (Piper voices are 22.05 kHz) is read from the WAV, not assumed.
    expect(wavToPcm(bytesOf(result.audio))!.format.sampleRate).toBe(22_050)
    expect(result.durationS).toBeCloseTo(12 * SECONDS_PER_CHAR, 2)
  })

  it('sends any voice unchecked when the server names its own and none are listed', async () => {
    const provider = createCompatibleSpeech({ preset: 'kokoro', baseURL: `${api.url}/v1`, env: {}, dispatcher })
    const model = provider.speech('kokoro')
    expect(model.voices).toBeUndefined()
    await model.generate({ text: 'Hi.', voice: 'jf_alpha', language: 'ja' })
    expect((api.requestsTo('audio/speech')[0]!.json as Body).voice).toBe('jf_alpha')
  })
})
