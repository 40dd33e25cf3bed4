/**
 * A price that may depend on the output's resolution: one number for every resolution, or a
 * number per resolution named by its short side (`720p`, `1080p`).
 */
export type ResolutionPrice = number | { readonly [resolution: string]: number }

/**
 * What one `provider:model` costs, in USD. Field names are those of configs/prices.yaml, so the
 * validated config is the table as is. A field left out means "unknown", never "free".
 */
export interface PriceEntry {
  /** Per million input (prompt) tokens of a chat call. */
  readonly input_per_million?: number | undefined
  /** Per million output (completion) tokens of a chat call. */
  readonly output_per_million?: number | undefined
  readonly per_image?: ResolutionPrice | undefined
  /** Per second of video (and of music). */
  readonly per_second?: ResolutionPrice | undefined
  /** Per second of a video made with its own sound, where the vendor charges more for it. */
  readonly per_second_with_audio?: ResolutionPrice | undefined
  /** Per million characters of text spoken (speech vendors that bill characters, not tokens). */
  readonly per_million_characters?: number | undefined
}

/** Keyed `provider:model`; `provider:*` prices every other model of that provider. */
export type PriceTable = { readonly [ref: string]: PriceEntry }
