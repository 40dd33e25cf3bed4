import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Dispatcher } from 'undici'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError, ProviderError } from '../../src/errors.js'
import { wavToPcm } from '../../src/audio/wav.js'
import { createAgent, type HttpLog, type HttpLogEntry } from '../../src/providers/http/index.js'
import type { SpeechProvider } from '../../src/providers/speech/speech-provider.js'
import type { CallOptions, Media, SpeechRequest } from '../../src/providers/types.js'
import type { Sleep } from '../../src/util/sleep.js'
import { createFakeApi, fault, type AuthScheme, type Dialect, type FakeApi, type RecordedRequest, type Route, SECONDS_PER_CHAR } from './fake-api/index.js'

export interface SpeechInject {
  readonly sleep: Sleep
  readonly random: () => number
  readonly log: HttpLog
  readonly maxRetries: number
  readonly dispatcher: Dispatcher
}

export interface SpeechConformanceOptions {
  readonly name: string
  readonly model: string
  /** A voice the fake knows, and one it does not (the unknown-voice test). */
  readonly voice: string
  readonly envVar: string
  readonly keyOptional?: boolean
  readonly dialect?: Dialect
  readonly auth?: AuthScheme
  /** The fake route speech requests hit. */
  readonly route: string
  readonly fakeRoutes: readonly Route[]
  /** The text the vendor received in one request, read from the recorded request. */
  readonly sentText: (request: RecordedRequest) => string
  /** The vendor's per-request text limit the provider must split at. */
  readonly maxChars: number
  /** Where the key travels, to check it went there and nowhere else. */
  readonly keyHeader: string
  readonly make: (fakeUrl: string, env: Record<string, string>, inject: SpeechInject) => SpeechProvider
}

const BUDGET = 2
/** Japanese and Arabic: scripts a naive byte-level client mangles. */
export const NON_LATIN = 'ミラは灯台の階段を上った。「誰かいますか？」 — قالت ميرا: هل يوجد أحد هنا؟'

/** The behaviours every HTTP speech provider shares, run against the loopback fake. */
export function describeSpeechProvider(options: SpeechConformanceOptions): void {
  describe(`${options.name} speech conformance`, () => {
    const dispatcher = createAgent({ connectMs: 1_000 })
    let api: FakeApi
    let sleeps: number[]
    let logs: HttpLogEntry[]
    const request = (text = 'The light went out.'): SpeechRequest => ({ text, voice: options.voice, language: 'en' })
    const call: CallOptions = { subject: 'shot 1.2 line 1' }

    beforeAll(async () => {
      api = await createFakeApi({ dialect: options.dialect ?? 'openai', auth: options.auth ?? 'bearer', routes: options.fakeRoutes })
    })
    afterAll(async () => {
      await dispatcher.destroy()
      await api.close()
    })
    beforeEach(() => {
      api.reset()
      sleeps = []
      logs = []
    })

    const model = (env: Record<string, string> = { [options.envVar]: api.key }) =>
      options
        .make(api.url, env, { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, log: (entry) => logs.push(entry), maxRetries: BUDGET, dispatcher })
        .speech(options.model)
    const failure = async (promise: Promise<unknown>) => promise.then(() => expect.unreachable('expected a failure'), (error: unknown) => error as ProviderError)
    const speechRequests = () => api.requestsTo(options.route)

    it('speaks: audio bytes with a duration, the billed characters, and no cost', async () => {
      const result = await model().generate(request(), call)
      expect(result.audio.mediaType).toBe('audio/wav')
      const wav = wavToPcm(bytesOf(result.audio))
      expect(wav?.pcm.length).toBeGreaterThan(0)
      expect(result.durationS).toBeCloseTo('The light went out.'.length * SECONDS_PER_CHAR, 2)
      expect(result.characters).toBe('The light went out.'.length)
      expect(result.attempts).toBe(1)
      expect(result).not.toHaveProperty('costUsd')
    })

    it('sends Japanese and Arabic text to the vendor intact', async () => {
      await model().generate(request(NON_LATIN), call)
      expect(speechRequests()).toHaveLength(1)
      expect(options.sentText(speechRequests()[0]!)).toContain(NON_LATIN)
    })

    it('splits a text over the vendor limit at sentences into several requests, dropping nothing', async () => {
      const sentence = 'The keeper climbed the stairs and counted every step out loud. '
      const text = sentence.repeat(Math.ceil((options.maxChars * 2.5) / sentence.length)).trim()
      const result = await model().generate(request(text), call)
      const sent = speechRequests().map(options.sentText)
      expect(sent.length).toBeGreaterThanOrEqual(3)
      for (const piece of sent) expect(piece.length).toBeLessThanOrEqual(options.maxChars)
      for (const piece of sent) expect(piece.trim().endsWith('.')).toBe(true)
      expect(sent.join(' ').replace(/\s+/g, '')).toContain(text.replace(/\s+/g, ''))
      // One track as long as all of its pieces.
      expect(result.durationS).toBeCloseTo(sent.reduce((total, piece) => total + [...piece].length * SECONDS_PER_CHAR, 0), 1)
    })

    it('refuses an unknown voice before any request, naming it and listing the valid ones', async () => {
      const error = await failure(model().generate({ ...request(), voice: 'No Such Voice' }, call))
      expect(error).toBeInstanceOf(ConfigError)
      expect(error.code).toBe('E_VOICE_UNKNOWN')
      expect(error.message).toContain('"No Such Voice"')
      expect(error.message).toContain('shot 1.2 line 1')
      expect(error.hint).toContain(options.voice)
      expect(speechRequests()).toHaveLength(0)
    })

    it('lists its voices', async () => {
      const voices = await model().voices!()
      expect(voices.length).toBeGreaterThan(1)
      expect(voices.map((v) => [v.id, v.name]).flat()).toContain(options.voice)
    })

    it('recovers from a 429 within the budget, waiting as long as advertised', async () => {
      api.script(options.route, fault.rateLimit({ retryAfter: 2 }), fault.ok)
      const result = await model().generate(request(), call)
      expect(sleeps).toEqual([2000])
      expect(result.attempts).toBe(2)
    })

    it('gives up after budget + 1 server errors with a ProviderError naming provider, model and subject', async () => {
      api.script(options.route, ...fault.repeat(BUDGET + 2, fault.serverError(500)))
      const error = await failure(model().generate(request(), call))
      expect(error).toBeInstanceOf(ProviderError)
      expect(error.code).toBe('E_PROVIDER_HTTP')
      expect(error.message).toContain(`:${options.model}`)
      expect(error.message).toContain('shot 1.2 line 1')
      expect(error.message).toContain(`${BUDGET + 1} attempts`)
      expect(speechRequests()).toHaveLength(BUDGET + 1)
    })

    it('retries once, then fails, when a 200 carries an error page instead of audio', async () => {
      api.script(options.route, ...fault.repeat(BUDGET + 2, ({ res }) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>busy</html>')))
      const error = await failure(model().generate(request(), call))
      expect(error.code).toBe('E_PROVIDER_BAD_RESPONSE')
      expect(speechRequests().length).toBeGreaterThanOrEqual(2)
    })

    it('maps a 401 to E_PROVIDER_AUTH without retrying', async () => {
      const error = await failure(model({ [options.envVar]: 'sk-wrong-key-000000000000' }).generate(request(), call))
      expect(error.code).toBe('E_PROVIDER_AUTH')
      expect(error.hint).toContain(options.envVar)
      expect(api.requests).toHaveLength(1)
    })

    it.skipIf(options.keyOptional)('asks for the key only when called, naming the variable', async () => {
      const speech = model({})
      const error = await failure(speech.generate(request(), call))
      expect(error).toBeInstanceOf(ConfigError)
      expect(error.code).toBe('E_API_KEY_MISSING')
      expect(error.message).toContain(options.envVar)
      expect(api.requests).toHaveLength(0)
    })

    it('never lets the key into errors, logs or request bodies', async () => {
      const key = api.key
      const wrong = 'sk-wrong-key-111111111111'
      const seen: string[] = []
      await model().generate(request(), call)
      api.script(options.route, fault.status(400, { message: `bad request from key ${key}` }))
      const echoed = await failure(model().generate(request(), call))
      const unauthorized = await failure(model({ [options.envVar]: wrong }).generate(request(), call))
      seen.push(echoed.message, String(echoed.hint), unauthorized.message, String(unauthorized.hint), ...logs.map((entry) => JSON.stringify(entry)))
      for (const recorded of api.requests) {
        const { [options.keyHeader]: credential, ...headers } = recorded.headers
        expect([key, `Bearer ${key}`, wrong, `Bearer ${wrong}`]).toContain(credential)
        seen.push(JSON.stringify(headers), recorded.path, JSON.stringify(recorded.query), recorded.body.toString('latin1'))
      }
      for (const text of seen) {
        expect(text).not.toContain(key)
        expect(text).not.toContain(wrong)
      }
    })
  })
}

export function bytesOf(media: Media): Uint8Array {
  return media.kind === 'bytes' ? media.bytes : new Uint8Array(fs.readFileSync(media.path))
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
}
