import { describe, expect, it } from 'vitest'
import { createPriceBook, type PriceTable } from '../../../src/cost/price-book.js'
import { priceKeys } from '../../../src/cost/price-keys.js'
import { resolutionPrice } from '../../../src/cost/resolution-price.js'

const TABLE: PriceTable = {
  'openai:gpt-4.1-mini': { input_per_million: 0.4, output_per_million: 1.6 },
  'openai:gpt-image-1': { per_image: 0.063 },
  'gemini:veo-fast': { per_second: { '720p': 0.15, '1080p': 0.4 } },
  'gemini:flash-image': { per_image: { '1024p': 0.039, '2048p': 0.134 } },
  'offline:writer': { input_per_million: 0, output_per_million: 0 },
  'ollama:*': { input_per_million: 0, output_per_million: 0 },
  'half:chat': { input_per_million: 1 },
  'openai:tts-1': { per_million_characters: 15 },
  'gemini:flash-tts': { input_per_million: 0.5, output_per_million: 10 },
  'elevenlabs:music_v1': { per_second: 0.0133 },
}
const book = createPriceBook(TABLE)
const chat = (inputTokens: number, outputTokens: number) => ({ kind: 'chat' as const, inputTokens, outputTokens })
const video = (seconds: number, width: number, height: number) => ({ kind: 'video' as const, seconds, width, height })

describe('the price book', () => {
  it('prices chat tokens per million, input and output apart', () => {
    expect(book.cost('openai', 'gpt-4.1-mini', chat(1_000_000, 0))).toBeCloseTo(0.4)
    expect(book.cost('openai', 'gpt-4.1-mini', chat(0, 1_000_000))).toBeCloseTo(1.6)
    expect(book.cost('openai', 'gpt-4.1-mini', chat(12, 8))).toBeCloseTo((12 * 0.4 + 8 * 1.6) / 1e6, 12)
  })

  it('prices speech per character spoken, or as tokens (text in, 25 audio tokens a second out); music per second', () => {
    expect(book.cost('openai', 'tts-1', { kind: 'speech', characters: 2_000, seconds: 130 })).toBeCloseTo(0.03)
    // 400 characters are 100 tokens in; 10 s of audio 250 tokens out.
    expect(book.cost('gemini', 'flash-tts', { kind: 'speech', characters: 400, seconds: 10 })).toBeCloseTo((100 * 0.5 + 250 * 10) / 1e6, 12)
    expect(book.cost('elevenlabs', 'music_v1', { kind: 'music', seconds: 60 })).toBeCloseTo(0.798)
    expect(book.knows('openai', 'tts-1', 'speech')).toBe(true)
    expect(book.knows('openai', 'tts-1', 'music')).toBe(false)
    expect(book.knows('openai', 'gpt-image-1', 'speech')).toBe(false)
  })

  it('prices images per image and video per second', () => {
    expect(book.cost('openai', 'gpt-image-1', { kind: 'image', images: 3, width: 1280, height: 720 })).toBeCloseTo(0.189)
    expect(book.cost('gemini', 'veo-fast', video(8, 1280, 720))).toBeCloseTo(1.2)
  })

  it('chooses the resolution by the short side: exact, else the next tier up, else the largest', () => {
    expect(book.cost('gemini', 'veo-fast', video(1, 1280, 720))).toBe(0.15)
    expect(book.cost('gemini', 'veo-fast', video(1, 720, 1280))).toBe(0.15)
    expect(book.cost('gemini', 'veo-fast', video(1, 1920, 1080))).toBe(0.4)
    expect(book.cost('gemini', 'veo-fast', video(1, 640, 480))).toBe(0.15)
    expect(book.cost('gemini', 'veo-fast', video(1, 1000, 900))).toBe(0.4)
    expect(book.cost('gemini', 'veo-fast', video(1, 3840, 2160))).toBe(0.4)
    expect(book.cost('gemini', 'flash-image', { kind: 'image', images: 2, width: 720, height: 720 })).toBeCloseTo(0.078)
    expect(book.cost('gemini', 'flash-image', { kind: 'image', images: 1, width: 2048, height: 2048 })).toBe(0.134)
  })

  it('orders tiers by number, not by text, and ignores keys that are not resolutions', () => {
    expect(resolutionPrice({ '1080p': 2, '480p': 0.5, '720p': 1 }, 854, 480)).toBe(0.5)
    expect(resolutionPrice({ '1080p': 2, '480p': 0.5, '720p': 1 }, 1000, 600)).toBe(1)
    expect(resolutionPrice({ hd: 9, '720p': 1 }, 1920, 1080)).toBe(1)
    expect(resolutionPrice(0.3, 1, 1)).toBe(0.3)
  })

  it('says "unknown" (undefined), never 0, for a model or kind the table does not price', () => {
    expect(book.cost('openai', 'some-future-model', chat(10, 10))).toBeUndefined()
    expect(book.knows('openai', 'some-future-model', 'chat')).toBe(false)
    expect(book.cost('fal', 'gpt-4.1-mini', chat(10, 10))).toBeUndefined()
    // A chat price says nothing about images, and the other way round.
    expect(book.cost('openai', 'gpt-4.1-mini', { kind: 'image', images: 1, width: 1, height: 1 })).toBeUndefined()
    expect(book.knows('openai', 'gpt-image-1', 'chat')).toBe(false)
    expect(book.knows('openai', 'gpt-image-1', 'image')).toBe(true)
    // Half a token price is no price.
    expect(book.cost('half', 'chat', chat(10, 10))).toBeUndefined()
    expect(book.knows('half', 'chat', 'chat')).toBe(false)
    expect(createPriceBook({}).cost('offline', 'writer', chat(1, 1))).toBeUndefined()
  })

  it('knows free models as free: 0, not unknown', () => {
    expect(book.cost('offline', 'writer', chat(5000, 5000))).toBe(0)
    expect(book.knows('offline', 'writer', 'chat')).toBe(true)
    expect(book.cost('ollama', 'llama3.2', chat(5000, 5000))).toBe(0)
    expect(book.knows('ollama', 'qwen2.5:14b', 'chat')).toBe(true)
    expect(book.knows('ollama', 'llama3.2', 'image')).toBe(false)
  })

  it('prices dated snapshots and models/ names as their family', () => {
    expect(book.cost('openai', 'gpt-4.1-mini-2025-04-14', chat(1_000_000, 0))).toBeCloseTo(0.4)
    expect(book.knows('openai', 'gpt-4.1-mini-20250414', 'chat')).toBe(true)
    expect(book.cost('gemini', 'models/veo-fast', video(2, 1280, 720))).toBeCloseTo(0.3)
    // A different model that merely starts like a listed one is not its family.
    expect(book.knows('openai', 'gpt-4.1-mini-high', 'chat')).toBe(false)
    expect(book.knows('openai', 'gpt-4.1', 'chat')).toBe(false)
  })

  it('prefers the most specific entry that prices the kind', () => {
    const specific = createPriceBook({
      'openai:gpt-4.1-mini': { input_per_million: 0.4, output_per_million: 1.6 },
      'openai:gpt-4.1-mini-2025-04-14': { input_per_million: 1, output_per_million: 1 },
      'openai:gpt-4.1-mini-2024-01-01': { per_image: 5 },
      'ollama:*': { input_per_million: 0, output_per_million: 0 },
      'ollama:big': { input_per_million: 2, output_per_million: 2 },
    })
    expect(specific.cost('openai', 'gpt-4.1-mini-2025-04-14', chat(1_000_000, 0))).toBe(1)
    expect(specific.cost('openai', 'gpt-4.1-mini-2024-01-01', chat(1_000_000, 0))).toBeCloseTo(0.4)
    expect(specific.cost('ollama', 'big', chat(1_000_000, 0))).toBe(2)
  })

  it('looks keys up as data, not through the prototype', () => {
    expect(book.knows('openai', 'constructor', 'chat')).toBe(false)
    expect(priceKeys('gemini', 'models/veo-2.0-generate-001')).toEqual(['gemini:models/veo-2.0-generate-001', 'gemini:veo-2.0-generate-001', 'gemini:*'])
    expect(priceKeys('openai', 'gpt-4o')).toEqual(['openai:gpt-4o', 'openai:*'])
  })
})
