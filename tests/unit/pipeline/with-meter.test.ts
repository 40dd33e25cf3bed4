import { describe, expect, it } from 'vitest'
import { createPriceBook, type PriceTable } from '../../../src/cost/price-book.js'
import { BudgetError } from '../../../src/errors.js'
import { createBudget, type Budget } from '../../../src/pipeline/budget.js'
import { placeholderImageModel, placeholderVideoModel } from '../../../src/pipeline/placeholder-models.js'
import { createMeter, DEFAULT_CHAT_OUTPUT_TOKENS, estimateChatTokens } from '../../../src/pipeline/with-meter.js'
import type {
  ChatModel,
  ChatRequest,
  ChatResult,
  ImageModel,
  ImageRequest,
  Media,
  MusicModel,
  SpeechModel,
  SpeechRequest,
  SpeechResult,
  VideoModel,
  VideoRequest,
  VideoStatus,
} from '../../../src/providers/types.js'

// Prices chosen so every figure below can be worked out by hand.
const table: PriceTable = {
  'acme:talker': { input_per_million: 2, output_per_million: 10 },
  'acme:painter': { per_image: 0.25 },
  'acme:camera': { per_second: { '720p': 0.1, '1080p': 0.25 } },
}
const prices = createPriceBook(table)

const png: Media = { kind: 'bytes', bytes: Uint8Array.of(1, 2, 3), mediaType: 'image/png' }

/** A chat model whose answers the test scripts; `gate` holds a call in flight until opened. */
function fakeChat(answer: Partial<ChatResult> & { text: string }, modelId = 'talker') {
  const state = { calls: 0, gate: undefined as Promise<void> | undefined, fail: undefined as Error | undefined }
  const model: ChatModel = {
    kind: 'chat',
    provider: 'acme',
    modelId,
    async generate() {
      state.calls++
      if (state.gate) await state.gate
      if (state.fail) throw state.fail
      return answer
    },
  }
  return { model, state }
}

function fakeImage(images: number, modelId = 'painter') {
  const state = { calls: 0 }
  const model: ImageModel = {
    kind: 'image',
    provider: 'acme',
    modelId,
    async generate() {
      state.calls++
      return { images: Array.from({ length: images }, () => png) }
    },
  }
  return { model, state }
}

/** Each job's fate is scripted by the test through `next`: pending until set. */
function fakeVideo(modelId = 'camera') {
  const state = { starts: 0, polls: 0, failStart: undefined as Error | undefined, fate: new Map<string, VideoStatus>() }
  const model: VideoModel = {
    kind: 'video',
    provider: 'acme',
    modelId,
    pollIntervalMs: 0,
    async start() {
      state.starts++
      if (state.failStart) throw state.failStart
      return { id: `job-${state.starts}` }
    },
    async status(job) {
      state.polls++
      return state.fate.get(job.id) ?? { state: 'pending' }
    },
  }
  return { model, state }
}

const done: VideoStatus = { state: 'done', video: { kind: 'bytes', bytes: Uint8Array.of(0), mediaType: 'video/mp4' } }
const failed: VideoStatus = { state: 'failed', message: 'filtered', code: 'E_FILTERED' }

const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({ messages: [{ role: 'user', content }], ...extra })
const draw = (width = 512, height = 512): ImageRequest => ({ prompt: 'a lighthouse', aspectRatio: '1:1', width, height, references: [] })
const clip = (seconds: number, width: number, height: number): VideoRequest => ({ prompt: 'push in', aspectRatio: '16:9', width, height, seconds })

/** Whether the budget would let a call of this estimate start now (the probe holds nothing). */
function admits(budget: Budget, estimateUsd: number): boolean {
  try {
    budget.hold(estimateUsd, { kind: 'video', provider: 'probe', model: 'probe', subject: 'probe' }).release()
    return true
  } catch (error) {
    if (error instanceof BudgetError) return false
    throw error
  }
}

describe('estimateChatTokens', () => {
  it('counts about four characters a token over every message and the answer schema, and the output the request allows', () => {
    const request: ChatRequest = {
      messages: [
        { role: 'system', content: 'abc' },
        { role: 'user', content: 'defgh' },
      ],
      schema: { name: 'answer', schema: { type: 'object' } }, // '{"type":"object"}' is 17 characters
      maxTokens: 50,
    }
    // 3 + 5 + 17 = 25 characters → 7 tokens (rounded up).
    expect(estimateChatTokens(request)).toEqual({ inputTokens: 7, outputTokens: 50 })
  })

  it('assumes a generous answer when the request sets no limit', () => {
    expect(estimateChatTokens(ask('x'.repeat(8)))).toEqual({ inputTokens: 2, outputTokens: DEFAULT_CHAT_OUTPUT_TOKENS })
    expect(DEFAULT_CHAT_OUTPUT_TOKENS).toBeGreaterThan(1000)
  })
})

describe('meter: chat', () => {
  it('prices the answer from the usage the vendor reported', async () => {
    const { model } = fakeChat({ text: 'ok', usage: { inputTokens: 1000, outputTokens: 500 } })
    const result = await createMeter({ prices }).chat(model).generate(ask('x'.repeat(400)))
    // 1000 × $2/M + 500 × $10/M — not the estimate from the 400 characters sent.
    expect(result.costUsd).toBeCloseTo(0.007, 12)
    expect(result.text).toBe('ok')
  })

  it('without usage, prices the characters sent and the answer length', async () => {
    const { model } = fakeChat({ text: 'y'.repeat(42) })
    const result = await createMeter({ prices }).chat(model).generate(ask('x'.repeat(400)))
    // 400 characters → 100 tokens in; 42 characters → 11 tokens out: 100 × 2 + 11 × 10 = 310 per million.
    expect(result.costUsd).toBeCloseTo(0.00031, 12)
  })

  it('holds the estimate with the default output allowance before the call, and spends the actual cost after', async () => {
    const { model, state } = fakeChat({ text: 'y'.repeat(42) })
    // Estimate without maxTokens: 100 × 2 + 4096 × 10 = 41,160 per million = $0.04116 > $0.04.
    const tight = createBudget(0.04)
    const error = await createMeter({ prices, budget: tight }).chat(model).generate(ask('x'.repeat(400)), { subject: 'cast' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BudgetError)
    expect((error as BudgetError).code).toBe('E_BUDGET_EXCEEDED')
    expect(state.calls).toBe(0)
    // (usd() shows cents above a cent: $0.04116 reads "$0.04".)
    expect(tight.refused()).toEqual(['chat for cast (about $0.04)'])

    // With maxTokens 100 the estimate is 100 × 2 + 100 × 10 = $0.0012: it fits, and what is spent is the actual $0.00031.
    const result = await createMeter({ prices, budget: tight }).chat(model).generate(ask('x'.repeat(400), { maxTokens: 100 }))
    expect(state.calls).toBe(1)
    expect(tight.spentUsd()).toBeCloseTo(0.00031, 12)
    expect(result.costUsd).toBeCloseTo(0.00031, 12)
  })

  it('keeps the estimate held while the call is in flight', async () => {
    const { model, state } = fakeChat({ text: 'y'.repeat(42) })
    let open!: () => void
    state.gate = new Promise<void>((resolve) => (open = resolve))
    const budget = createBudget(0.002)
    const call = createMeter({ prices, budget }).chat(model).generate(ask('x'.repeat(400), { maxTokens: 100 }))
    await Promise.resolve()
    // $0.0012 is held: another $0.001 would pass $0.002.
    expect(admits(budget, 0.001)).toBe(false)
    open()
    await call
    // Settled at $0.00031: the rest is free again.
    expect(admits(budget, 0.001)).toBe(true)
    expect(admits(budget, 0.0018)).toBe(false)
  })

  it('releases the hold when the call fails, and passes the failure on', async () => {
    const { model, state } = fakeChat({ text: 'never' })
    const boom = new Error('vendor down')
    state.fail = boom
    const budget = createBudget(0.002)
    await expect(createMeter({ prices, budget }).chat(model).generate(ask('x'.repeat(400), { maxTokens: 100 }))).rejects.toBe(boom)
    expect(budget.spentUsd()).toBe(0)
    expect(admits(budget, 0.002)).toBe(true)
  })

  it('an unpriced model: no cost without a budget; refused before the call with one', async () => {
    const { model, state } = fakeChat({ text: 'hi' }, 'mystery')
    const free = await createMeter({ prices }).chat(model).generate(ask('q'))
    expect(free.costUsd).toBeUndefined()
    expect(free.text).toBe('hi')
    expect(state.calls).toBe(1)

    const error = await createMeter({ prices, budget: createBudget(100) }).chat(model).generate(ask('q')).catch((e: unknown) => e)
    expect((error as BudgetError).code).toBe('E_BUDGET_UNKNOWN_PRICE')
    expect(state.calls).toBe(1)
  })

  it('with no price book at all, nothing is priced', async () => {
    const { model } = fakeChat({ text: 'hi', usage: { inputTokens: 10, outputTokens: 10 } })
    expect((await createMeter({}).chat(model).generate(ask('q'))).costUsd).toBeUndefined()
  })
})

describe('meter: image', () => {
  it('costs the price of one image times the images returned', async () => {
    const { model } = fakeImage(3)
    const budget = createBudget(0.5)
    // The estimate is one image ($0.25, under the cap); three came back, and three are spent.
    const result = await createMeter({ prices, budget }).image(model).generate(draw())
    expect(result.costUsd).toBe(0.75)
    expect(budget.spentUsd()).toBe(0.75)
  })

  it('an empty result costs nothing', async () => {
    const { model } = fakeImage(0)
    const budget = createBudget(1)
    expect((await createMeter({ prices, budget }).image(model).generate(draw())).costUsd).toBe(0)
    expect(budget.spentUsd()).toBe(0)
  })

  it('prices by resolution tier when the table has tiers', async () => {
    const tiered = createPriceBook({ 'acme:painter': { per_image: { '512p': 0.02, '1024p': 0.08 } } })
    const { model } = fakeImage(1)
    // 1024×768: short side 768 → the 1024p tier.
    expect((await createMeter({ prices: tiered }).image(model).generate(draw(1024, 768))).costUsd).toBe(0.08)
    expect((await createMeter({ prices: tiered }).image(model).generate(draw(512, 512))).costUsd).toBe(0.02)
  })

  it('a call the budget refuses never reaches the model', async () => {
    const { model, state } = fakeImage(1)
    const budget = createBudget(0.2)
    await expect(createMeter({ prices, budget }).image(model).generate(draw(), { subject: 'shot 1.1' })).rejects.toBeInstanceOf(BudgetError)
    expect(state.calls).toBe(0)
    expect(budget.refused()).toEqual(['image for shot 1.1 (about $0.25)'])
  })
})

describe('meter: video', () => {
  it('prices a job at start from seconds and resolution, holds it while pending and spends it when done', async () => {
    const { model, state } = fakeVideo()
    const budget = createBudget(2)
    const video = createMeter({ prices, budget }).video(model)
    // 1920×1080 → the 1080p tier: 5 s × $0.25.
    const job = await video.start(clip(5, 1920, 1080))
    expect(job.costUsd).toBe(1.25)
    expect(budget.spentUsd()).toBe(0)
    expect(admits(budget, 0.75)).toBe(true)
    expect(admits(budget, 0.76)).toBe(false)

    expect((await video.status(job)).state).toBe('pending')
    expect(budget.spentUsd()).toBe(0)
    expect(admits(budget, 0.76)).toBe(false)

    state.fate.set(job.id, done)
    expect((await video.status(job)).state).toBe('done')
    expect(budget.spentUsd()).toBe(1.25)
    expect(admits(budget, 0.75)).toBe(true)
    expect(admits(budget, 0.76)).toBe(false)
  })

  it('a failed job is not billed: its hold is released', async () => {
    const { model, state } = fakeVideo()
    const budget = createBudget(2)
    const video = createMeter({ prices, budget }).video(model)
    const job = await video.start(clip(5, 1920, 1080))
    state.fate.set(job.id, failed)
    expect(await video.status(job)).toEqual(failed)
    expect(budget.spentUsd()).toBe(0)
    expect(admits(budget, 2)).toBe(true)
  })

  it('keeps each job held on its own until its own end', async () => {
    const { model, state } = fakeVideo()
    const budget = createBudget(1)
    const video = createMeter({ prices, budget }).video(model)
    // 1280×720, 4 s → $0.40 each; a third would pass $1.00.
    const a = await video.start(clip(4, 1280, 720))
    const b = await video.start(clip(4, 1280, 720))
    expect(a.costUsd).toBeCloseTo(0.4, 12)
    await expect(video.start(clip(4, 1280, 720))).rejects.toBeInstanceOf(BudgetError)
    expect(state.starts).toBe(2)
    state.fate.set(a.id, failed)
    state.fate.set(b.id, done)
    await video.status(b)
    expect(budget.spentUsd()).toBeCloseTo(0.4, 12)
    // b is spent, a (not polled yet) still held: $0.20 more fits, $0.21 does not.
    expect(admits(budget, 0.2)).toBe(true)
    expect(admits(budget, 0.21)).toBe(false)
    await video.status(a)
    expect(budget.spentUsd()).toBeCloseTo(0.4, 12)
    expect(admits(budget, 0.6)).toBe(true)
    expect(admits(budget, 0.61)).toBe(false)
  })

  it('a start that fails releases its hold', async () => {
    const { model, state } = fakeVideo()
    state.failStart = new Error('rejected')
    const budget = createBudget(2)
    await expect(createMeter({ prices, budget }).video(model).start(clip(5, 1920, 1080))).rejects.toBe(state.failStart)
    expect(budget.spentUsd()).toBe(0)
    expect(admits(budget, 2)).toBe(true)
  })

  it('a start the budget refuses never reaches the model', async () => {
    const { model, state } = fakeVideo()
    const budget = createBudget(1)
    await expect(createMeter({ prices, budget }).video(model).start(clip(5, 1920, 1080), { subject: 'shot 2.1' })).rejects.toThrow(/shot 2\.1/)
    expect(state.starts).toBe(0)
    expect(budget.refused()).toEqual(['video for shot 2.1 (about $1.25)'])
  })
})

describe('meter: dry-run placeholders', () => {
  it('prices a placeholder image like the real model but holds nothing against the budget', async () => {
    const { model, state } = fakeImage(1)
    const budget = createBudget(0) // any real call would be refused
    const result = await createMeter({ prices, budget }).image(placeholderImageModel(model)).generate(draw())
    expect(result.planned).toBe(true)
    expect(result.costUsd).toBe(0.25)
    expect(state.calls).toBe(0)
    expect(budget.spentUsd()).toBe(0)
    expect(budget.refused()).toEqual([])
  })

  it('prices a placeholder video job like the real model, holds nothing, spends nothing when done', async () => {
    const { model, state } = fakeVideo()
    const budget = createBudget(0)
    const video = createMeter({ prices, budget }).video(placeholderVideoModel(model))
    const job = await video.start(clip(5, 1920, 1080))
    expect(job).toMatchObject({ planned: true, costUsd: 1.25 })
    const status = await video.status(job)
    expect(status).toMatchObject({ state: 'done', planned: true })
    expect(state.starts + state.polls).toBe(0)
    expect(budget.spentUsd()).toBe(0)
    expect(budget.refused()).toEqual([])
  })

  it('a placeholder of an unpriced model is not refused: its cost is simply unknown', async () => {
    const { model } = fakeImage(1, 'mystery')
    const budget = createBudget(10)
    const result = await createMeter({ prices, budget }).image(placeholderImageModel(model)).generate(draw())
    expect(result.costUsd).toBeUndefined()
    expect(budget.refused()).toEqual([])
  })
})

describe('the meter: speech and music', () => {
  const audio: Media = { kind: 'bytes', bytes: Uint8Array.of(1, 2, 3), mediaType: 'audio/wav' }
  const book = createPriceBook({ 'acme:voice': { per_million_characters: 20 }, 'acme:score': { per_second: 0.01 } })
  const voice = (result: Partial<SpeechResult> = {}) => {
    const state = { calls: 0 }
    const model: SpeechModel = { kind: 'speech', provider: 'acme', modelId: 'voice', generate: async () => (state.calls++, { audio, ...result }) }
    return { model, state }
  }
  const line: SpeechRequest = { text: 'x'.repeat(50_000), voice: 'v', language: 'en' }

  it('prices a line by the characters the vendor billed, else by those sent, and holds the estimate against the budget', async () => {
    expect((await createMeter({ prices: book }).speech(voice({ characters: 100_000 }).model).generate(line)).costUsd).toBeCloseTo(2)
    const budget = createBudget(10)
    expect((await createMeter({ prices: book, budget }).speech(voice().model).generate(line)).costUsd).toBeCloseTo(1)
    expect(budget.spentUsd()).toBeCloseTo(1)
    const { model, state } = voice()
    await expect(createMeter({ prices: book, budget: createBudget(0.5) }).speech(model).generate(line)).rejects.toBeInstanceOf(BudgetError)
    expect(state.calls).toBe(0)
  })

  it('prices music per second of the bed made', async () => {
    const model: MusicModel = { kind: 'music', provider: 'acme', modelId: 'score', generate: async (request) => ({ audio, durationS: request.seconds + 2 }) }
    expect((await createMeter({ prices: book }).music(model).generate({ prompt: 'calm', seconds: 58 })).costUsd).toBeCloseTo(0.6)
  })
})
