import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/errors.js'
import { wavToPcm } from '../../../src/audio/wav.js'
import { createGeminiSpeech } from '../../../src/providers/gemini/speech-provider.js'
import type { GeminiSpeechRequest } from '../../../src/providers/gemini/speech-model.js'
import { createAgent } from '../../../src/providers/http/index.js'
import { createFakeApi, type FakeApi, geminiFake, geminiSpeechRoutes } from '../../support/fake-api/index.js'
import { bytesOf, describeSpeechProvider } from '../../support/speech-conformance.js'

type Body = { contents: { parts: { text: string }[] }[]; generationConfig: Record<string, unknown> }

describeSpeechProvider({
  name: 'gemini',
  model: 'gemini-2.5-flash-preview-tts',
  voice: 'Kore',
  envVar: 'GEMINI_API_KEY',
  dialect: 'gemini',
  auth: 'goog',
  route: 'gemini/speech',
  fakeRoutes: [...geminiSpeechRoutes, ...geminiFake().routes],
  sentText: (request) => (request.json as Body).contents[0]!.parts[0]!.text,
  maxChars: 4_000,
  keyHeader: 'x-goog-api-key',
  make: (url, env, inject) => createGeminiSpeech({ baseURL: `${url}/v1beta`, env, ...inject }),
})

describe('gemini speech requests', () => {
  const dispatcher = createAgent({ connectMs: 1_000 })
  let api: FakeApi
  beforeAll(async () => {
    api = await createFakeApi({ dialect: 'gemini', auth: 'goog', routes: geminiSpeechRoutes })
  })
  afterAll(async () => {
    await dispatcher.destroy()
    await api.close()
  })
  beforeEach(() => api.reset())
  const model = () => createGeminiSpeech({ baseURL: `${api.url}/v1beta`, env: { GEMINI_API_KEY: api.key }, dispatcher }).speech('gemini-2.5-flash-preview-tts')
  const sent = () => api.requestsTo('gemini/speech').map((r) => r.json as Body)

  it('asks generateContent for AUDIO in one prebuilt voice, with style and pace as words before the text', async () => {
    const result = await model().generate({ text: 'Who is there?', voice: 'puck', language: 'en', instructions: 'whispering', speed: 0.8 })
    expect(api.requestsTo('gemini/speech')[0]!.path).toBe('/v1beta/models/gemini-2.5-flash-preview-tts:generateContent')
    expect(sent()[0]).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'Say slowly, whispering: Who is there?' }] }],
      generationConfig: { responseModalities: ['AUDIO'], speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Puck' } } } },
    })
    // s16le PCM at the rate the mime type names, wrapped as WAV; tokens as Gemini counted them.
    expect(wavToPcm(bytesOf(result.audio))!.format).toEqual({ sampleRate: 24_000, channels: 1, bitsPerSample: 16 })
    expect(result.usage).toEqual({ inputTokens: 9, outputTokens: expect.any(Number) })
  })

  it('speaks a two-person script with multiSpeakerVoiceConfig', async () => {
    const request: GeminiSpeechRequest = { text: 'Mira: Hello?\nTom: Up here.', voice: 'Kore', language: 'en', speakers: [{ name: 'Mira', voice: 'Kore' }, { name: 'Tom', voice: 'Charon' }] }
    await model().generate(request)
    expect(sent()[0]!.generationConfig.speechConfig).toEqual({
      multiSpeakerVoiceConfig: {
        speakerVoiceConfigs: [
          { speaker: 'Mira', voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Kore' } } },
          { speaker: 'Tom', voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Charon' } } },
        ],
      },
    })
    expect(sent()[0]!.contents[0]!.parts[0]!.text).toBe('Mira: Hello?\nTom: Up here.')
  })

  it('refuses three speakers before sending anything', async () => {
    const speakers = [{ name: 'A', voice: 'Kore' }, { name: 'B', voice: 'Puck' }, { name: 'C', voice: 'Leda' }]
    const error = await model().generate({ text: 'A: x\nB: y\nC: z', voice: 'Kore', language: 'en', speakers } as GeminiSpeechRequest).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).code).toBe('E_SPEECH_SPEAKERS')
    expect(api.requests).toHaveLength(0)
  })

  it('keeps a script’s line breaks when a long one is split', async () => {
    const line = (who: string) => `${who}: ${'The tide is coming in and the lamp is out. '.repeat(10).trim()}`
    const script = Array.from({ length: 20 }, (_, i) => line(i % 2 ? 'Tom' : 'Mira')).join('\n')
    await model().generate({ text: script, voice: 'Kore', language: 'en', speakers: [{ name: 'Mira', voice: 'Kore' }, { name: 'Tom', voice: 'Puck' }] } as GeminiSpeechRequest)
    const texts = sent().map((body) => body.contents[0]!.parts[0]!.text)
    expect(texts.length).toBeGreaterThan(1)
    for (const text of texts) for (const row of text.split('\n')) expect(row).toMatch(/^(Mira|Tom): /)
  })
})
