import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { audioDurationS } from '../../../src/audio/audio-duration.js'
import { measureSpan } from '../../../src/audio/measure-loudness.js'
import { buildDialogueStem } from '../../../src/audio/place-lines.js'
import { readConfigFile } from '../../../src/config/load-config.js'
import { builtinProviders } from '../../../src/providers/builtin.js'
import { createAgent } from '../../../src/providers/http/index.js'
import type { SpeechModel } from '../../../src/providers/types.js'
import { createFakeApi, type FakeApi, speechRoute } from '../../support/fake-api/index.js'
import { SECONDS_PER_CHAR } from '../../support/fake-api/speech-audio.js'

type Body = Record<string, unknown>

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
const dispatcher = createAgent({ connectMs: 1_000 })
let api: FakeApi
beforeAll(async () => {
  api = await createFakeApi({ routes: [speechRoute({ encode: true })] })
})
afterAll(async () => {
  await dispatcher.destroy()
  await api.close()
  rmSync(dir, { recursive: true, force: true })
})
beforeEach(() => api.reset())

/** The speech model of an `openai` provider built from a config file's `speech:` block, against the fake. */
async function speechFromConfig(speech: string, model = 'gpt-4o-mini-tts'): Promise<SpeechModel> {
  const file = path.join(dir, 'vimax.config.yaml')
  writeFileSync(file, `providers:\n  openai:\n    type: openai\n    base_url: ${api.url}/v1\n    speech: ${speech}\n`)
  const config = readConfigFile(file, true)!
  const factory = builtinProviders({ providers: config.providers, env: { OPENAI_API_KEY: api.key }, transport: { dispatcher } })
  const provider = await factory.openai!()
  return provider.speech!(model)
}
const sent = () => api.requestsTo('audio/speech').map((r) => r.json as Body)

describe('openai speech options from the config', () => {
  it('sends the configured response_format and style instructions, and a character\'s own style wins', async () => {
    const model = await speechFromConfig('{ response_format: flac, instructions: "calm, close to the microphone" }')
    await model.generate({ text: 'The lamp is lit.', voice: 'sage', language: 'en' })
    await model.generate({ text: 'Get to the boat!', voice: 'onyx', language: 'en', instructions: 'gruff, shouting over the storm' })
    expect(sent()).toEqual([
      { model: 'gpt-4o-mini-tts', input: 'The lamp is lit.', voice: 'sage', response_format: 'flac', instructions: 'calm, close to the microphone' },
      { model: 'gpt-4o-mini-tts', input: 'Get to the boat!', voice: 'onyx', response_format: 'flac', instructions: 'gruff, shouting over the storm' },
    ])
    // The style changes what is heard: it is in the cache key.
    expect(model.fingerprint).toEqual({ format: 'flac', style: 'calm, close to the microphone' })
  })

  it('sends a compatible server the configured format, and instructions only when the config gives a style', async () => {
    const compatible = async (speech: string) => {
      const file = path.join(dir, 'compatible.config.yaml')
      writeFileSync(file, `providers:\n  local-tts:\n    type: compatible\n    base_url: ${api.url}/v1\n    api_key_env: LOCAL_TTS_KEY\n    speech: ${speech}\n`)
      const config = readConfigFile(file, true)!
      const provider = await builtinProviders({ providers: config.providers, env: { LOCAL_TTS_KEY: api.key }, transport: { dispatcher } })['local-tts']!()
      return provider.speech!('kokoro')
    }
    await (await compatible('{ response_format: mp3, instructions: soft }')).generate({ text: 'Hi.', voice: 'nova', language: 'en' })
    await (await compatible('{ response_format: aac }')).generate({ text: 'Hi.', voice: 'nova', language: 'en', instructions: 'loud' })
    expect(sent()).toEqual([
      { model: 'kokoro', input: 'Hi.', voice: 'nova', response_format: 'mp3', instructions: 'soft' },
      { model: 'kokoro', input: 'Hi.', voice: 'nova', response_format: 'aac' },
    ])
  })

  it('never sends instructions to tts-1, which refuses them', async () => {
    const model = await speechFromConfig('{ instructions: "calm" }', 'tts-1')
    await model.generate({ text: 'Hello.', voice: 'nova', language: 'en', instructions: 'gruff' })
    expect(sent()).toEqual([{ model: 'tts-1', input: 'Hello.', voice: 'nova', response_format: 'pcm' }])
  })

  it('refuses a response_format the API does not have, naming the field and the choices', () => {
    const file = path.join(dir, 'bad.config.yaml')
    writeFileSync(file, 'providers:\n  openai:\n    type: openai\n    speech: { response_format: ogg }\n')
    expect(() => readConfigFile(file, true)).toThrow(expect.objectContaining({ code: 'E_CONFIG_INVALID', details: [expect.stringMatching(/response_format.*one of pcm, wav, mp3, opus, aac, flac/)] }))
  })

  it.each(['mp3', 'opus', 'aac', 'flac'] as const)('decodes %s speech into the dialogue stem at the line\'s place', async (format) => {
    const model = await speechFromConfig(`{ response_format: ${format} }`)
    const text = 'The lamp has not failed in forty years, not once.'
    const result = await model.generate({ text, voice: 'coral', language: 'en' })
    expect(result.audio.mediaType).toBe({ mp3: 'audio/mpeg', opus: 'audio/ogg', aac: 'audio/aac', flac: 'audio/flac' }[format])
    if (result.audio.kind !== 'bytes') throw new Error('speech comes back as bytes')
    const line = path.join(dir, `line.${format}`)
    writeFileSync(line, result.audio.bytes)
    const spokenS = [...text].length * SECONDS_PER_CHAR
    // What the shot's length is decided from, even for a FLAC stream whose header never got its length.
    expect(Math.abs((await audioDurationS(line)) - spokenS)).toBeLessThan(0.1) // encoders pad a few milliseconds
    const stem = path.join(dir, `dialogue-${format}.wav`)
    const workDir = mkdtempSync(path.join(dir, 'work-'))
    await buildDialogueStem({ lines: [{ file: line, startS: 1 }], durationS: 3, out: stem, workDir })
    expect((await measureSpan(stem, { startS: 0, endS: 0.9 })).meanDb).toBeLessThan(-80)
    expect((await measureSpan(stem, { startS: 1.1, endS: 1 + spokenS - 0.1 })).meanDb).toBeGreaterThan(-30)
  })
})
