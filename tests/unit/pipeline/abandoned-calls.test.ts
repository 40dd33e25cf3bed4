import { describe, expect, it } from 'vitest'
import { createPriceBook } from '../../../src/cost/price-book.js'
import { countCalls } from '../../../src/pipeline/call-counts.js'
import type { CallEnd, PipelineEvent } from '../../../src/pipeline/events.js'
import { createMeter } from '../../../src/pipeline/with-meter.js'
import { createCallObserver } from '../../../src/pipeline/with-events.js'
import type { ChatModel, ChatResult, VideoJob, VideoModel, VideoRequest, VideoStatus } from '../../../src/providers/types.js'

const prices = createPriceBook({
  'acme:camera': { per_second: { '720p': 0.1, '1080p': 0.25 } },
  'acme:talker': { input_per_million: 2, output_per_million: 10 },
})

/** A video model whose jobs stay pending until the test sets their fate. */
function fakeVideo(modelId = 'camera') {
  const fate = new Map<string, VideoStatus>()
  let starts = 0
  const model: VideoModel = {
    kind: 'video',
    provider: 'acme',
    modelId,
    pollIntervalMs: 0,
    async start() {
      return { id: `job-${++starts}` }
    },
    async status(job) {
      return fate.get(job.id) ?? { state: 'pending' }
    },
  }
  return { model, fate }
}

const done: VideoStatus = { state: 'done', video: { kind: 'bytes', bytes: Uint8Array.of(1, 2, 3), mediaType: 'video/mp4' } }
const clip = (seconds: number, width: number, height: number): VideoRequest => ({ prompt: 'p', aspectRatio: '16:9', width, height, seconds })

/** The run's wiring, minus the lanes and the cache: events → meter → model, events feeding the counts. */
function observed() {
  const events: PipelineEvent[] = []
  const counts = countCalls()
  const observer = createCallObserver((event) => {
    events.push(event)
    counts.observe(event)
  }, () => 1_000)
  const ends = () => events.filter((event): event is CallEnd => event.type === 'call:end')
  const starts = () => events.filter((event) => event.type === 'call:start')
  return { observer, counts, ends, starts, meter: createMeter({ prices }) }
}

describe('call observer: endAbandoned', () => {
  it('ends each video job still being polled once, with E_ABANDONED and the job\'s cost; finished jobs get no second end', async () => {
    const { observer, ends, starts, meter } = observed()
    const { model, fate } = fakeVideo()
    const video = observer.video(meter.video(model))
    const finished = await video.start(clip(5, 1920, 1080), { subject: 'shot 1.1' }) // $1.25
    const failedJob = await video.start(clip(4, 1280, 720), { subject: 'shot 1.2' }) // $0.40
    const polling = await video.start(clip(2, 1920, 1080), { subject: 'shot 1.3' }) // $0.50
    fate.set(finished.id, done)
    fate.set(failedJob.id, { state: 'failed', message: 'filtered', code: 'E_FILTERED' })
    await video.status(finished)
    await video.status(failedJob)
    expect((await video.status(polling)).state).toBe('pending')
    expect(ends()).toHaveLength(2)

    observer.endAbandoned()
    const abandoned = ends().slice(2)
    expect(abandoned).toHaveLength(1)
    const [end] = abandoned
    const startOf = starts().find((event) => event.type === 'call:start' && event.subject === 'shot 1.3')
    expect(end).toMatchObject({ kind: 'video', subject: 'shot 1.3', cached: false, costUsd: 0.5, error: { code: 'E_ABANDONED' } })
    expect(end!.callId).toBe(startOf && 'callId' in startOf ? startOf.callId : -1)

    // Twice is once: the job is no longer open.
    observer.endAbandoned()
    expect(ends()).toHaveLength(3)
    // A poll that was in flight when the run gave up, answering late, does not end the call a second time.
    fate.set(polling.id, done)
    expect((await video.status(polling)).state).toBe('done')
    expect(ends()).toHaveLength(3)
  })

  it('ends abandoned jobs of every video model the run wrapped', async () => {
    const { observer, ends, meter } = observed()
    const a = observer.video(meter.video(fakeVideo('camera').model))
    const b = observer.video(meter.video(fakeVideo('camera').model))
    await a.start(clip(2, 1280, 720))
    await b.start(clip(3, 1280, 720))
    observer.endAbandoned()
    expect(ends().map((end) => end.error?.code)).toEqual(['E_ABANDONED', 'E_ABANDONED'])
    // 2 s and 3 s at 720p, $0.10 a second.
    const costs = ends().map((end) => end.costUsd ?? Number.NaN).sort((x, y) => x - y)
    expect(costs[0]).toBeCloseTo(0.2, 12)
    expect(costs[1]).toBeCloseTo(0.3, 12)
  })

  it('nothing to end when no job is open', async () => {
    const { observer, ends, meter } = observed()
    const { model, fate } = fakeVideo()
    const video = observer.video(meter.video(model))
    const job = await video.start(clip(2, 1280, 720))
    fate.set(job.id, done)
    await video.status(job)
    observer.endAbandoned()
    expect(ends()).toHaveLength(1)
    expect(ends()[0]!.error).toBeUndefined()
  })
})

describe('call counts: money', () => {
  it('spent counts finished and abandoned jobs, not failed ones; hits add what they saved', async () => {
    const { observer, counts, meter } = observed()
    const { model, fate } = fakeVideo()
    const video = observer.video(meter.video(model))
    const finished = await video.start(clip(5, 1920, 1080)) // $1.25, billed
    const failedJob = await video.start(clip(4, 1280, 720)) // $0.40, not billed
    await video.start(clip(2, 1920, 1080)) // $0.50, abandoned: billed
    fate.set(finished.id, done)
    fate.set(failedJob.id, { state: 'failed', message: 'filtered' })
    await video.status(finished)
    await video.status(failedJob)
    observer.endAbandoned()

    const hit: ChatModel = { kind: 'chat', provider: 'acme', modelId: 'talker', generate: async (): Promise<ChatResult> => ({ text: 'cached', cached: true, savedUsd: 0.25 }) }
    await observer.chat(hit).generate({ messages: [{ role: 'user', content: 'q' }] })

    const money = counts.money()
    expect(money.spentUsd).toBeCloseTo(1.75, 12)
    expect(money.savedUsd).toBe(0.25)
    expect(money.unpriced).toBe(0)
    expect(counts.made().video).toBe(3)
    expect(counts.cached().chat).toBe(1)
  })

  it('unpriced counts paid calls without a cost, not failed ones nor hits', async () => {
    const { observer, counts, meter } = observed()
    let answers = 0
    const mystery: ChatModel = {
      kind: 'chat',
      provider: 'acme',
      modelId: 'mystery', // no price
      async generate() {
        answers++
        if (answers === 2) throw Object.assign(new Error('down'), { code: 'E_PROVIDER' })
        return { text: 'fine' }
      },
    }
    const chat = observer.chat(meter.chat(mystery))
    const ask = { messages: [{ role: 'user' as const, content: 'q' }] }
    await chat.generate(ask)
    await expect(chat.generate(ask)).rejects.toThrow('down')
    await chat.generate(ask)
    // A hit of unknown original price saved an unknown amount: neither unpriced nor saved.
    await observer.chat({ ...mystery, generate: async () => ({ text: 'x', cached: true }) }).generate(ask)
    expect(counts.money()).toEqual({ spentUsd: 0, savedUsd: 0, unpriced: 2 })
    expect(counts.made().chat).toBe(3)
  })

  it('a resumed job that finishes costs this run nothing', async () => {
    const { observer, counts } = observed()
    const { model, fate } = fakeVideo()
    // As the cache layer hands it out: a job an earlier run started and paid for.
    const resumedModel: VideoModel = { ...model, start: async (): Promise<VideoJob> => ({ id: 'job-old', resumed: true }) }
    const video = observer.video(resumedModel)
    const job = await video.start(clip(5, 1920, 1080))
    fate.set('job-old', done)
    await video.status(job)
    expect(counts.money()).toEqual({ spentUsd: 0, savedUsd: 0, unpriced: 0 })
    expect(counts.resumed().video).toBe(1)
    expect(counts.made().video).toBe(0)
  })

  // An abandoned job was started and billed: at an unknown price it is a paid call of unknown cost.
  it('an abandoned job of unknown price counts as unpriced (it was started, and billed)', async () => {
    const { observer, counts, meter } = observed()
    const video = observer.video(meter.video(fakeVideo('no-price-cam').model))
    await video.start(clip(4, 1280, 720))
    observer.endAbandoned()
    expect(counts.money().unpriced).toBe(1)
  })

  // A job resumed from an earlier run and abandoned again was not started by this run.
  it('an abandoned resumed job stays resumed, not a call made by this run', async () => {
    const { observer, counts, ends } = observed()
    const { model } = fakeVideo()
    const resumedModel: VideoModel = { ...model, start: async (): Promise<VideoJob> => ({ id: 'job-old', resumed: true }) }
    const video = observer.video(resumedModel)
    await video.start(clip(5, 1920, 1080))
    observer.endAbandoned()
    expect(ends()[0]).toMatchObject({ error: { code: 'E_ABANDONED' }, resumed: true })
    expect(counts.made().video).toBe(0)
  })
})
