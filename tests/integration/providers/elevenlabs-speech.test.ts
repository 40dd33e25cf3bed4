import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/errors.js'
import { createElevenLabs } from '../../../src/providers/elevenlabs/provider.js'
import { createAgent } from '../../../src/providers/http/index.js'
import { createFakeApi, elevenlabsRoutes, type FakeApi, SECONDS_PER_CHAR } from '../../support/fake-api/index.js'
import { describeSpeechProvider } from '../../support/speech-conformance.js'

type Body = Record<string, unknown>

describeSpeechProvider({
  name: 'elevenlabs',
  model: 'eleven_multilingual_v2',
  voice: 'Rachel',
  envVar: 'ELEVENLABS_API_KEY',
  dialect: 'elevenlabs',
  auth: 'xi',
  route: 'elevenlabs/speech',
  fakeRoutes: elevenlabsRoutes,
  sentText: (request) => String((request.json as Body).text),
  maxChars: 10_000,
  keyHeader: 'xi-api-key',
  make: (url, env, inject) => createElevenLabs({ baseURL: url, env, ...inject }),
})

describe('elevenlabs speech requests', () => {
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
  const provider = (voiceSettings = {}) => createElevenLabs({ baseURL: api.url, env: { ELEVENLABS_API_KEY: api.key }, dispatcher, voiceSettings })

  it('posts to /v1/text-to-speech/{voice_id}/with-timestamps for PCM, sending the voice id, model and settings', async () => {
    await provider({ stability: 0.4 }).speech('eleven_multilingual_v2').generate({ text: 'Who is there?', voice: 'rachel', language: 'en-GB', speed: 2, seed: 7 })
    const [request] = api.requestsTo('elevenlabs/speech')
    expect(request!.path).toBe('/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM/with-timestamps')
    expect(request!.query).toEqual({ output_format: 'pcm_24000' })
    expect(request!.headers['xi-api-key']).toBe(api.key)
    // Multilingual v2 refuses language_code; the speed is clamped to ElevenLabs' 0.7–1.2.
    expect(request!.json).toEqual({ text: 'Who is there?', model_id: 'eleven_multilingual_v2', voice_settings: { stability: 0.4, speed: 1.2 }, seed: 7 })
  })

  it('sends the language code to Flash v2.5, and a voice id without listing voices', async () => {
    await provider().speech('eleven_flash_v2_5').generate({ text: 'こんにちは。', voice: 'pNInz6obpgDQGcFmaJgB', language: 'ja-JP' })
    expect(api.requestsTo('elevenlabs/voices')).toHaveLength(0)
    expect((api.requestsTo('elevenlabs/speech')[0]!.json as Body).language_code).toBe('ja')
  })

  it('turns the character alignment into word spans', async () => {
    const result = await provider().speech('eleven_multilingual_v2').generate({ text: 'Hold the light, Mira.', voice: 'Rachel', language: 'en' })
    const at = (i: number) => Math.round(i * SECONDS_PER_CHAR * 1000) / 1000
    expect(result.alignment).toEqual([
      { text: 'Hold', startS: at(0), endS: at(4) },
      { text: 'the', startS: at(5), endS: at(8) },
      { text: 'light,', startS: at(9), endS: at(15) },
      { text: 'Mira.', startS: at(16), endS: at(21) },
    ])
    expect(result.characters).toBe(21)
  })

  it('times Japanese per character and shifts the alignment of later pieces by the audio before them', async () => {
    const model = provider().speech('eleven_multilingual_v2')
    const result = await model.generate({ text: '誰かいますか？', voice: 'Rachel', language: 'ja' })
    expect(result.alignment!.map((unit) => unit.text)).toEqual(['誰', 'か', 'い', 'ま', 'す', 'か？'])
    const long = `${'a'.repeat(9_990)}. Then the end.`
    const joined = await model.generate({ text: long, voice: 'Rachel', language: 'en' })
    expect(api.requestsTo('elevenlabs/speech')).toHaveLength(3)
    const last = joined.alignment!.at(-1)!
    expect(last.text).toBe('end.')
    expect(last.endS).toBeCloseTo(joined.durationS!, 2)
  })

  it('reports a voice id the account lacks as an unknown voice (exit 2), listing the voices it has', async () => {
    const error = await provider().speech('eleven_multilingual_v2').generate({ text: 'Hi.', voice: 'AAAAAAAAAAAAAAAAAAAA', language: 'en' }, { subject: 'character mira' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).code).toBe('E_VOICE_UNKNOWN')
    expect((error as ConfigError).message).toBe('elevenlabs:eleven_multilingual_v2 has no voice "AAAAAAAAAAAAAAAAAAAA" (character mira)')
    expect((error as ConfigError).hint).toContain('21m00Tcm4TlvDq8ikWAM (Rachel)')
    expect(api.requestsTo('elevenlabs/speech')).toHaveLength(1)
  })

  it('lists the account voices with gender and description for casting, fetching them once', async () => {
    const model = provider().speech('eleven_multilingual_v2')
    const voices = await model.voices!()
    await model.generate({ text: 'One.', voice: 'Adam', language: 'en' })
    await model.generate({ text: 'Two.', voice: 'Charlotte', language: 'en' })
    expect(voices[1]).toEqual({ id: 'pNInz6obpgDQGcFmaJgB', name: 'Adam', gender: 'male', description: 'deep, american, middle aged' })
    expect(api.requestsTo('elevenlabs/voices')).toHaveLength(1)
  })
})
