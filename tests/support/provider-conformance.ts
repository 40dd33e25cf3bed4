import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Dispatcher } from 'undici'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError, ProviderError } from '../../src/errors.js'
import { sniffMediaType } from '../../src/media/media-type.js'
import { createAgent, type HttpLog, type HttpLogEntry } from '../../src/providers/http/index.js'
import type { CallOptions, ChatRequest, ImageRequest, Media, ModelKind, Provider, VideoRequest } from '../../src/providers/types.js'
import type { Sleep } from '../../src/util/sleep.js'
import { createFakeApi, fault, type AuthScheme, type Dialect, type FakeApi, type Route } from './fake-api/index.js'

/** What the suite hands `make`, so retries are fast and observable. */
export interface ConformanceInject {
  readonly sleep: Sleep
  readonly random: () => number
  readonly log: HttpLog
  /** Retries after the first attempt; the suite asserts budget + 1 attempts. */
  readonly maxRetries: number
  readonly downloadDir: string
  readonly dispatcher: Dispatcher
}

export interface ConformanceOptions {
  readonly name: string
  /** The model id to test per kind the provider offers. */
  readonly kinds: Partial<Record<ModelKind, string>>
  /** The environment variable holding the key. */
  readonly envVar: string
  /** Servers where the key is optional (Ollama, vLLM) skip the missing-key test. */
  readonly keyOptional?: boolean
  readonly dialect?: Dialect
  readonly auth?: AuthScheme
  /** Fake routes each kind's first request hits, for scripting faults. */
  readonly routes?: Partial<Record<ModelKind, string>>
  /** Routes from a vendor file (gemini.ts, fal.ts…). */
  readonly fakeRoutes?: readonly Route[]
  readonly make: (fakeUrl: string, env: Record<string, string>, inject: ConformanceInject) => Provider | Promise<Provider>
}

const BUDGET = 2
const SCHEMA = {
  name: 'shot_list',
  schema: {
    type: 'object',
    properties: { title: { type: 'string', minLength: 1 }, count: { type: 'integer', minimum: 1, maximum: 9 }, mood: { type: 'string', enum: ['calm', 'tense'] } },
    required: ['title', 'count', 'mood'],
    additionalProperties: false,
  },
} as const
const CHAT: ChatRequest = { messages: [{ role: 'user', content: 'Plan one shot as JSON.' }], schema: SCHEMA }
const IMAGE: ImageRequest = { prompt: 'a lighthouse at dusk', aspectRatio: '16:9', width: 1280, height: 720, references: [] }
const VIDEO: VideoRequest = { prompt: 'slow push in', aspectRatio: '16:9', width: 1280, height: 720, seconds: 4 }
const DEFAULT_ROUTES: Record<ModelKind, string> = { chat: 'chat', image: 'images/generations', video: 'videos', speech: 'audio/speech', music: 'music' }

/** The behaviours every HTTP provider must share, run against the loopback fake. */
export function describeProvider(options: ConformanceOptions): void {
  describe(`${options.name} conformance`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
    const dispatcher = createAgent({ connectMs: 1_000 })
    let api: FakeApi
    let sleeps: number[]
    let logs: HttpLogEntry[]
    let rateLimits: number[]
    const kinds = (['chat', 'image', 'video'] as const).filter((kind) => options.kinds[kind] !== undefined)
    const first = kinds[0]!
    const route = (kind: ModelKind) => options.routes?.[kind] ?? DEFAULT_ROUTES[kind]

    beforeAll(async () => {
      api = await createFakeApi({ dialect: options.dialect ?? 'openai', auth: options.auth ?? 'bearer', routes: options.fakeRoutes ?? [] })
    })
    afterAll(async () => {
      await dispatcher.destroy()
      await api.close()
      fs.rmSync(dir, { recursive: true, force: true })
    })
    beforeEach(() => {
      api.reset()
      sleeps = []
      logs = []
      rateLimits = []
    })
    afterEach(() => {
      api.dialect = options.dialect ?? 'openai'
    })

    const provider = (env: Record<string, string> = { [options.envVar]: api.key }) =>
      options.make(api.url, env, {
        sleep: async (ms) => void sleeps.push(ms),
        random: () => 0.5,
        log: (entry) => logs.push(entry),
        maxRetries: BUDGET,
        downloadDir: dir,
        dispatcher,
      })
    const call: CallOptions = { subject: 'shot 1.2', onRateLimit: (ms) => rateLimits.push(ms) }
    /** One billable call of a kind (a video's start): what the failure tests exercise. */
    const callKind = async (kind: ModelKind, env?: Record<string, string>) => {
      const p = await provider(env)
      if (kind === 'chat') return p.chat!(options.kinds.chat!).generate(CHAT, call)
      if (kind === 'image') return p.image!(options.kinds.image!).generate(IMAGE, call)
      return p.video!(options.kinds.video!).start(VIDEO, call)
    }
    const callFirst = (env?: Record<string, string>) => callKind(first, env)
    const failure = async (promise: Promise<unknown>) => promise.then(() => expect.unreachable('expected a failure'), (error: unknown) => error as ProviderError)

    it.skipIf(!options.kinds.chat)('chat answers a schema request with parseable JSON', async () => {
      const result = await (await provider()).chat!(options.kinds.chat!).generate(CHAT, call)
      const value = JSON.parse(result.text) as Record<string, unknown>
      expect(typeof value.title).toBe('string')
      expect(result.requestId).toBeTruthy()
      expect(result.attempts).toBe(1)
      // Tokens as the vendor counted them; what they cost is the price table's business.
      expect(result.usage).toEqual({ inputTokens: 12, outputTokens: 8 })
      expect(result).not.toHaveProperty('costUsd')
    })

    it.skipIf(!options.kinds.image)('image returns at least one image whose bytes are an image', async () => {
      const result = await (await provider()).image!(options.kinds.image!).generate(IMAGE, call)
      expect(result.images.length).toBeGreaterThan(0)
      for (const image of result.images) expect(sniffMediaType(bytesOf(image))).toMatch(/^image\//)
      expect(result.attempts).toBe(1)
      expect(result).not.toHaveProperty('costUsd')
    })

    it.skipIf(!options.kinds.video)('video starts, polls and ends with an mp4', async () => {
      const model = (await provider()).video!(options.kinds.video!)
      const job = await model.start(VIDEO, call)
      let status = await model.status(job, call)
      for (let polls = 0; status.state === 'pending' && polls < 50; polls++) status = await model.status(job, call)
      expect(status.state).toBe('done')
      expect(job).not.toHaveProperty('costUsd')
      expect(status).not.toHaveProperty('costUsd')
      if (status.state === 'done') expect(sniffMediaType(bytesOf(status.video))).toBe('video/mp4')
    })

    describe.each(kinds)('%s', (kind) => {
      it('recovers from a 429 within the budget, waiting as long as advertised', async () => {
        api.script(route(kind), fault.rateLimit({ retryAfter: 2 }), fault.ok)
        const result = await callKind(kind)
        expect(sleeps).toEqual([2000])
        expect(rateLimits).toEqual([2000])
        expect(result.attempts).toBe(2)
      })

      it('gives up after budget + 1 server errors with a ProviderError naming provider, model and subject', async () => {
        // A billable job start (video, a queued image) retries only answers proving no job was made: a 503, not a 500.
        api.script(route(kind), ...fault.repeat(BUDGET + 2, fault.serverError(503)))
        const error = await failure(callKind(kind))
        expect(error).toBeInstanceOf(ProviderError)
        expect(error.code).toBe('E_PROVIDER_HTTP')
        expect(error.message).toContain(`:${options.kinds[kind]!}`)
        expect(error.message).toContain('shot 1.2')
        expect(error.message).toContain(`${BUDGET + 1} attempts`)
        expect(error.provider).toBeTruthy()
        expect(api.requestsTo(route(kind))).toHaveLength(BUDGET + 1)
      })

      it('maps a 401 to E_PROVIDER_AUTH without retrying', async () => {
        const error = await failure(callKind(kind, { [options.envVar]: 'sk-wrong-key-000000000000' }))
        expect(error.code).toBe('E_PROVIDER_AUTH')
        expect(error.hint).toContain(options.envVar)
        expect(api.requests).toHaveLength(1)
      })
    })

    it.skipIf(options.keyOptional)('asks for the key only when called, naming the variable', async () => {
      const p = await provider({})
      const error = await failure(callFirst({}))
      expect(p.id).toBeTruthy()
      expect(error).toBeInstanceOf(ConfigError)
      expect(error.code).toBe('E_API_KEY_MISSING')
      expect(error.message).toContain(options.envVar)
      expect(api.requests).toHaveLength(0)
    })

    it('never lets the key into errors, logs or request bodies', async () => {
      const key = api.key
      const seen: string[] = []
      await callFirst()
      api.script(route(first), fault.status(400, { message: `bad request from key ${key}` }))
      const echoed = await failure(callFirst())
      seen.push(echoed.message, String(echoed.hint))
      // The fake's 401 echoes the wrong key it was sent, as OpenAI does.
      const wrong = 'sk-wrong-key-111111111111'
      const unauthorized = await failure(callFirst({ [options.envVar]: wrong }))
      seen.push(unauthorized.message, String(unauthorized.hint))
      seen.push(...logs.map((entry) => JSON.stringify(entry)))
      // CDN-like routes (fal's media) must get no credential at all.
      const open = new Set(['files', ...(options.fakeRoutes ?? []).filter((r) => r.auth === false).map((r) => r.name)])
      for (const request of api.requests) {
        const { authorization, 'x-goog-api-key': goog, ...headers } = request.headers
        seen.push(JSON.stringify(headers), request.path, JSON.stringify(request.query), request.body.toString('latin1'))
        if (open.has(request.route)) expect([authorization, goog]).toEqual([undefined, undefined])
        else expect([authorization, goog].some((value) => value?.includes(key) || value?.includes(wrong))).toBe(true)
      }
      for (const text of seen) {
        expect(text).not.toContain(key)
        expect(text).not.toContain(wrong)
      }
    })
  })
}

function bytesOf(media: Media): Uint8Array {
  return media.kind === 'bytes' ? media.bytes : new Uint8Array(fs.readFileSync(media.path))
}
