import { describe, expect, it } from 'vitest'
import { ProviderError } from '../../../src/errors.js'
import { fallbackGenerate, fallbackVideo } from '../../../src/pipeline/fallback-model.js'
import type { ImageModel, ImageRequest, VideoJob, VideoModel, VideoRequest, VideoStatus } from '../../../src/providers/types.js'

const picture: ImageRequest = { prompt: 'a lighthouse', aspectRatio: '1:1', width: 16, height: 16, references: [] }
const clip: VideoRequest = { prompt: 'waves', aspectRatio: '1:1', width: 16, height: 16, seconds: 2 }
const png = { kind: 'bytes', bytes: new Uint8Array([1]), mediaType: 'image/png' } as const
const mp4 = { kind: 'bytes', bytes: new Uint8Array([2]), mediaType: 'video/mp4' } as const

const failure = (code: string, status?: number) =>
  new ProviderError(`${code} from the vendor`, { provider: 'p', code, ...(status === undefined ? {} : { status }) })
const refused = () => failure('E_PROVIDER_REFUSED', 400)

function image(provider: string, behave: () => void = () => undefined): ImageModel & { calls: number } {
  const model = {
    kind: 'image' as const,
    provider,
    modelId: 'm',
    calls: 0,
    async generate() {
      model.calls++
      behave()
      return { images: [png] }
    },
  }
  return model
}

interface ScriptedVideo extends VideoModel {
  starts: number
  polls: number
}

/** A video model whose start may throw and whose jobs answer the scripted statuses, then done. */
function video(provider: string, options: { start?: () => void; statuses?: (VideoStatus | Error)[] } = {}): ScriptedVideo {
  const statuses = [...(options.statuses ?? [])]
  const model: ScriptedVideo = {
    kind: 'video',
    provider,
    modelId: 'v',
    starts: 0,
    polls: 0,
    async start() {
      model.starts++
      options.start?.()
      return { id: `${provider}-job-${model.starts}` }
    },
    async status() {
      model.polls++
      const next = statuses.shift()
      if (next instanceof Error) throw next
      return next ?? { state: 'done', video: mp4 }
    },
  }
  return model
}

async function pollToEnd(model: VideoModel, job: VideoJob): Promise<VideoStatus> {
  for (;;) {
    const status = await model.status(job)
    if (status.state !== 'pending') return status
  }
}

describe('fallbackGenerate: one call moves down a profile’s list', () => {
  it('a call the first model refuses is made by the second, named with the reason, and warned once', async () => {
    const warnings: string[] = []
    const first = image('kling', () => {
      throw refused()
    })
    const second = image('fal')
    const chain = fallbackGenerate([first, second], { warn: (message) => warnings.push(message) })
    const result = await chain.generate(picture, { subject: 'shot 2' })
    expect(result.madeBy).toBe('fal:m')
    expect(result.fallbackReason).toBe('kling:m refused (E_PROVIDER_REFUSED from the vendor)')
    expect(warnings).toEqual(['shot 2: made by fal:m because kling:m refused (E_PROVIDER_REFUSED from the vendor)'])
    expect([first.calls, second.calls]).toEqual([1, 1])
  })

  it('the call to the next model carries what it moved past, by code, for its call event and ledger row', async () => {
    const seen: (string | undefined)[] = []
    const second: ImageModel = { ...image('fal'), generate: async (_request, options) => (seen.push(options?.fallbackFrom), { images: [png] }) }
    const chain = fallbackGenerate([image('kling', () => { throw refused() }), second], { warn: () => undefined })
    await chain.generate(picture)
    expect(seen).toEqual(['kling:m E_PROVIDER_REFUSED'])
  })

  it('an outage past the provider’s retries (HTTP 503, a network error, a rate limit) moves the call', async () => {
    for (const error of [failure('E_PROVIDER_HTTP', 503), failure('E_PROVIDER_NETWORK'), failure('E_PROVIDER_RATE_LIMIT', 429)]) {
      const chain = fallbackGenerate([image('kling', () => { throw error }), image('fal')], { warn: () => undefined })
      const result = await chain.generate(picture)
      expect(result.madeBy).toBe('fal:m')
      expect(result.fallbackReason).toMatch(/^kling:m was unavailable/)
    }
  })

  it('a timeout, an auth error or a quota stays with the first model: the vendor may have accepted it, or the fix is the person’s', async () => {
    for (const error of [failure('E_PROVIDER_TIMEOUT'), failure('E_PROVIDER_AUTH', 401), failure('E_PROVIDER_QUOTA', 402), new Error('a bug')]) {
      const second = image('fal')
      const chain = fallbackGenerate([image('kling', () => { throw error }), second], { warn: () => undefined })
      await expect(chain.generate(picture)).rejects.toBe(error)
      expect(second.calls).toBe(0)
    }
  })

  it('the last model’s refusal is the call’s error', async () => {
    const last = refused()
    const chain = fallbackGenerate([image('kling', () => { throw refused() }), image('fal', () => { throw last })], { warn: () => undefined })
    await expect(chain.generate(picture)).rejects.toBe(last)
  })

  it('a single model is returned as it is: a one-model profile behaves as before', () => {
    const only = image('fal')
    expect(fallbackGenerate([only], { warn: () => undefined })).toBe(only)
  })

  it('a later model whose cache holds the request is asked first, so a rerun never asks the first model again', async () => {
    const first = image('kling', () => { throw refused() })
    const second = image('fal')
    const asked: string[] = []
    const chain = fallbackGenerate([first, second], {
      warn: () => undefined,
      has: async (model) => (asked.push(model.provider), model.provider === 'fal'),
    })
    const result = await chain.generate(picture)
    expect(first.calls).toBe(0)
    expect(asked).toEqual(['kling', 'fal'])
    expect(result.madeBy).toBe('fal:m')
    expect(result.fallbackReason).toBe('an earlier run moved it past kling:m')
  })
})

describe('fallbackVideo: a video call moves only while nothing it started is billed', () => {
  it('a start the first model refuses is started on the second; the clip says who made it', async () => {
    const warnings: string[] = []
    const first = video('kling', { start: () => { throw refused() } })
    const second = video('fal')
    const chain = fallbackVideo([first, second], { warn: (message) => warnings.push(message) })
    const job = await chain.start(clip, { subject: 'shot 2' })
    const done = await pollToEnd(chain, job)
    expect(done).toMatchObject({ state: 'done', madeBy: 'fal:v', fallbackReason: 'kling:v refused (E_PROVIDER_REFUSED from the vendor)' })
    expect([first.starts, second.starts]).toEqual([1, 1])
    expect(warnings).toEqual(['shot 2: made by fal:v because kling:v refused (E_PROVIDER_REFUSED from the vendor)'])
  })

  it('a job the first model accepted that then fails with a refusal moves to the second; the caller keeps polling the job it holds', async () => {
    const first = video('kling', { statuses: [{ state: 'pending' }, { state: 'failed', message: 'blocked by the safety filter', code: 'SAFETY' }] })
    const second = video('fal', { statuses: [{ state: 'pending' }] })
    const chain = fallbackVideo([first, second], { warn: () => undefined })
    const job = await chain.start(clip, { subject: 'shot 2' })
    const done = await pollToEnd(chain, job)
    expect(done).toMatchObject({ state: 'done', madeBy: 'fal:v', fallbackReason: 'kling:v refused (blocked by the safety filter)' })
    expect([first.starts, second.starts]).toEqual([1, 1])
  })

  it('a job that fails for another reason is the call’s failure, not moved', async () => {
    const second = video('fal')
    const chain = fallbackVideo([video('kling', { statuses: [{ state: 'failed', message: 'bad seed', code: 'INVALID_SEED_VALUE' }] }), second], { warn: () => undefined })
    const job = await chain.start(clip)
    expect(await chain.status(job)).toMatchObject({ state: 'failed', message: 'bad seed' })
    expect(second.starts).toBe(0)
  })

  it('an accepted job still pending when its poll fails (a timeout) stays with its model: never a second paid job', async () => {
    const timeout = failure('E_PROVIDER_TIMEOUT')
    const first = video('kling', { statuses: [{ state: 'pending' }, timeout] })
    const second = video('fal')
    const chain = fallbackVideo([first, second], { warn: () => undefined })
    const job = await chain.start(clip)
    expect(await chain.status(job)).toEqual({ state: 'pending' })
    await expect(chain.status(job)).rejects.toBe(timeout)
    expect(second.starts).toBe(0)
  })

  it('a job the second model’s cache recorded (started by an earlier run) is resumed there, not started on the first', async () => {
    const first = video('kling')
    const second = video('fal')
    const chain = fallbackVideo([first, second], { warn: () => undefined, has: async (model) => model.provider === 'fal' })
    const done = await pollToEnd(chain, await chain.start(clip))
    expect(done).toMatchObject({ state: 'done', madeBy: 'fal:v' })
    expect(first.starts).toBe(0)
  })
})
