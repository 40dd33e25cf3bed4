import type { ConfigData } from '../config/config-schema.js'
import { createPriceBook, type PriceBook } from './price-book.js'

/** The merged config's `prices` (configs/prices.yaml, then a person's overrides) as a price book. */
export function priceBookFromConfig(config: ConfigData): PriceBook {
  return createPriceBook(config.prices ?? {})
}
