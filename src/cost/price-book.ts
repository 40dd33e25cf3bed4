import type { ModelKind } from '../providers/types.js'
import { priceKeys } from './price-keys.js'
import type { PriceEntry, PriceTable, ResolutionPrice } from './price-table.js'
import { resolutionPrice } from './resolution-price.js'

export type { PriceEntry, PriceTable, ResolutionPrice } from './price-table.js'

export type PricedCall =
  | { readonly kind: 'chat'; readonly inputTokens: number; readonly outputTokens: number }
  | { readonly kind: 'image'; readonly images: number; readonly width: number; readonly height: number }
  /** `audio`: the clip is made with its own sound (generate_audio), priced by `per_second_with_audio` when listed. */
  | { readonly kind: 'video'; readonly seconds: number; readonly width: number; readonly height: number; readonly audio?: boolean }
  /** Characters of text spoken; `seconds` of audio made, for models that bill audio tokens. */
  | { readonly kind: 'speech'; readonly characters: number; readonly seconds: number }
  | { readonly kind: 'music'; readonly seconds: number }

export interface PriceBook {
  /** USD for one call; undefined when the table has no price for it (never guessed as zero). */
  cost(provider: string, modelId: string, call: PricedCall): number | undefined
  /** Whether the table prices this model for this kind of call. */
  knows(provider: string, modelId: string, kind: ModelKind): boolean
}

/** A call of each kind that any price of that kind can price. */
const PROBES: Readonly<Record<ModelKind, PricedCall>> = {
  chat: { kind: 'chat', inputTokens: 0, outputTokens: 0 },
  image: { kind: 'image', images: 1, width: 0, height: 0 },
  video: { kind: 'video', seconds: 1, width: 0, height: 0 },
  speech: { kind: 'speech', characters: 1, seconds: 1 },
  music: { kind: 'music', seconds: 1 },
}

/** Audio tokens a second, as Gemini bills speech out; text in is about four characters a token. */
export const AUDIO_TOKENS_PER_SECOND = 25

/**
 * Prices calls from a table keyed `provider:model`. The first entry (model, family, provider
 * `*`) that prices the call's kind answers, so an entry with image prices only does not hide a
 * family entry's token prices.
 */
export function createPriceBook(table: PriceTable): PriceBook {
  const cost = (provider: string, modelId: string, call: PricedCall): number | undefined => {
    for (const key of priceKeys(provider, modelId)) {
      const entry = Object.hasOwn(table, key) ? table[key] : undefined
      const usd = entry === undefined ? undefined : priceFrom(entry, call)
      if (usd !== undefined) return usd
    }
    return undefined
  }
  return { cost, knows: (provider, modelId, kind) => cost(provider, modelId, PROBES[kind]) !== undefined }
}

/** The call's price by one entry; undefined when the entry does not price its kind. */
function priceFrom(entry: PriceEntry, call: PricedCall): number | undefined {
  switch (call.kind) {
    case 'chat': {
      const { input_per_million: input, output_per_million: output } = entry
      // Token prices count only in pairs: half a price would make a guess of the other half.
      return input === undefined || output === undefined ? undefined : (call.inputTokens * input + call.outputTokens * output) / 1e6
    }
    case 'image':
      return times(entry.per_image, call, call.images)
    case 'video':
      return times((call.audio === true ? entry.per_second_with_audio : undefined) ?? entry.per_second, call, call.seconds)
    case 'speech': {
      if (entry.per_million_characters !== undefined) return (call.characters * entry.per_million_characters) / 1e6
      // Token-billed speech (Gemini TTS): the text in, the audio out.
      const tokens = { kind: 'chat', inputTokens: Math.ceil(call.characters / 4), outputTokens: Math.ceil(call.seconds * AUDIO_TOKENS_PER_SECOND) } as const
      return priceFrom(entry, tokens)
    }
    case 'music':
      return times(entry.per_second, { width: 0, height: 0 }, call.seconds)
  }
}

function times(price: ResolutionPrice | undefined, size: { readonly width: number; readonly height: number }, count: number): number | undefined {
  const each = price === undefined ? undefined : resolutionPrice(price, size.width, size.height)
  return each === undefined ? undefined : each * count
}
