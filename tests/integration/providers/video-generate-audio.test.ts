import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { configSchema } from '../../../src/config/config-schema.js'
import { createPriceBook } from '../../../src/cost/price-book.js'
import { probeMedia } from '../../../src/media/probe.js'
import { falInput } from '../../../src/providers/fal/input.js'
import { endpointFor, falCapabilities } from '../../../src/providers/fal/models.js'
import { veoCapabilities } from '../../../src/providers/gemini/veo-capabilities.js'
import { createAgent } from '../../../src/providers/http/index.js'
import { createOffline } from '../../../src/providers/offline/index.js'
import { createOpenRouter } from '../../../src/providers/openrouter/provider.js'
import type { VideoModel, VideoRequest, VideoStatus } from '../../../src/providers/types.js'
import { createFakeApi, openrouterRoutes, TINY_PNG, type FakeApi } from '../../support/fake-api/index.js'

const REQUEST: VideoRequest = { prompt: 'a lighthouse at dusk', aspectRatio: '16:9', width: 320, height: 180, seconds: 2, seed: 3, image: { bytes: TINY_PNG, mediaType: 'image/png', label: 'frame 1.1' } }

describe('generate_audio in the video providers', () => {
  it('Veo 3 on the Gemini API makes sound, Veo 2 none', () => {
    expect(veoCapabilities('veo-3.1-fast-generate-preview').audio).toBe(true)
    expect(veoCapabilities('models/veo-3.0-generate-001').audio).toBe(true)
    expect(veoCapabilities('veo-2.0-generate-001').audio).toBe(false)
  })

  it('fal: Veo 3 always gets the switch (true or false) and durations as "8s" (the pipeline fits the length first); Kling 2.1 makes no sound; an unknown endpoint gets it only when asked', () => {
    const veo = endpointFor('fal-ai/veo3/fast', 'video', true)
    expect(veo.id).toBe('fal-ai/veo3/fast/image-to-video')
    expect(falInput(veo, { ...REQUEST, seconds: 8, generateAudio: true }).input).toMatchObject({ generate_audio: true, duration: '8s' })
    expect(falInput(veo, { ...REQUEST, seconds: 4 }).input).toMatchObject({ generate_audio: false, duration: '4s' })
    expect(falCapabilities('fal-ai/veo3')).toMatchObject({ audio: true })
    expect(falCapabilities('fal-ai/kling-video/v2.1/standard/image-to-video')).toMatchObject({ audio: false })
    const kling = endpointFor('fal-ai/kling-video/v2.1/standard/image-to-video', 'video', true)
    expect(falInput(kling, { ...REQUEST, generateAudio: true }).input).not.toHaveProperty('generate_audio')
    const generic = endpointFor('someone/new-video-model', 'video', true)
    expect(falCapabilities('someone/new-video-model')).toBeUndefined()
    expect(falInput(generic, { ...REQUEST, generateAudio: true }).input).toMatchObject({ generate_audio: true })
    expect(falInput(generic, REQUEST).input).not.toHaveProperty('generate_audio')
  })

  it('prices a clip with sound by per_second_with_audio, and one without (or a table without it) by per_second', () => {
    const book = createPriceBook({ 'fal:fal-ai/veo3/fast': { per_second: 0.1, per_second_with_audio: 0.15 }, 'fal:plain': { per_second: 0.05 } })
    const clip = { kind: 'video', seconds: 8, width: 1280, height: 720 } as const
    expect(book.cost('fal', 'fal-ai/veo3/fast', { ...clip, audio: true })).toBeCloseTo(1.2, 9)
    expect(book.cost('fal', 'fal-ai/veo3/fast', clip)).toBeCloseTo(0.8, 9)
    expect(book.cost('fal', 'plain', { ...clip, audio: true })).toBeCloseTo(0.4, 9)
    expect(configSchema.safeParse({ prices: { 'fal:x': { per_second: 0.1, per_second_with_audio: { '720p': 0.2 } } } }).success).toBe(true)
    expect(configSchema.safeParse({ profiles: { p: { video: 'fal', generate_audio: 'yes' } } }).success).toBe(false)
  })

  describe('OpenRouter', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
    const dispatcher = createAgent({ connectMs: 1_000 })
    let api: FakeApi
    beforeAll(async () => {
      api = await createFakeApi({ dialect: 'openrouter', routes: openrouterRoutes({}) })
    })
    beforeEach(() => api.reset())
    afterAll(async () => {
      await dispatcher.destroy()
      await api.close()
      fs.rmSync(dir, { recursive: true, force: true })
    })
    const model = (video?: { generateAudio?: boolean }) =>
      createOpenRouter({ baseURL: `${api.url}/api/v1`, env: { OPENROUTER_API_KEY: api.key }, dispatcher, downloadDir: dir, ...(video && { video }) }).video!('google/veo-3.1-fast')
    const body = () => api.requestsTo('videos')[0]?.json as Record<string, unknown>

    it('sends generate_audio: true when the request asks for the clip’s sound, and nothing for a request that does not', async () => {
      await model().start({ ...REQUEST, generateAudio: true })
      expect(body()).toMatchObject({ generate_audio: true })
      api.reset()
      await model().start(REQUEST)
      expect(body()).not.toHaveProperty('generate_audio')
      api.reset()
      await model({ generateAudio: false }).start({ ...REQUEST, generateAudio: true })
      expect(body()).toMatchObject({ generate_audio: true })
    })
  })

  describe('the offline animatic', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
    const video = (): VideoModel => createOffline({ workDir: dir }).video!('animatic')
    const finish = async (model: VideoModel, request: VideoRequest): Promise<string> => {
      const job = await model.start(request)
      let status: VideoStatus = await model.status(job)
      for (let i = 0; status.state === 'pending' && i < 2000; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20))
        status = await model.status(job)
      }
      if (status.state !== 'done' || status.video.kind !== 'file') throw new Error(`offline clip not made: ${JSON.stringify(status)}`)
      return status.video.path
    }

    it('makes a quiet room tone with generate_audio, the same for the same shot, another for another shot; silence without it', async () => {
      const model = video()
      expect(model.capabilities?.audio).toBe(true)
      const [withSound, again, other, silent] = [
        await finish(model, { ...REQUEST, generateAudio: true }),
        await finish(video(), { ...REQUEST, generateAudio: true }),
        await finish(model, { ...REQUEST, prompt: 'the harbour at night', generateAudio: true }),
        await finish(model, REQUEST),
      ]
      const probe = await probeMedia(withSound)
      expect(probe.audio).toMatchObject({ codec: 'aac', sampleRate: 48_000, channels: 2 })
      expect(probe.tags.comment).toBe('vimax-clip-1')
      expect(fs.readFileSync(again)).toEqual(fs.readFileSync(withSound))
      expect(fs.readFileSync(other)).not.toEqual(fs.readFileSync(withSound))
      const { measureSpan } = await import('../../../src/audio/measure-loudness.js')
      const loud = (await measureSpan(withSound, { startS: 0, endS: 2 })).meanDb
      expect(loud).toBeGreaterThan(-60)
      expect(loud).toBeLessThan(-30)
      expect((await measureSpan(silent, { startS: 0, endS: 2 })).meanDb).toBeLessThan(-80)
    }, 120_000)
  })
})
