import type { ResolutionPrice } from './price-table.js'

/**
 * The price for an output of this size. Resolution is the short side (`1280×720` is `720p`);
 * a map is read at that resolution exactly, else at the smallest listed one above it (a vendor
 * renders up to its next tier), else at the largest listed (nothing bigger is sold).
 */
export function resolutionPrice(price: ResolutionPrice, width: number, height: number): number | undefined {
  if (typeof price === 'number') return price
  const wanted = Math.round(Math.min(width, height))
  const tiers = resolutionTiers(price)
  return (tiers.find((tier) => tier.side >= wanted) ?? tiers.at(-1))?.usd
}

/** A map's `720p`-style entries, smallest first; anything else in it is not a resolution. */
function resolutionTiers(price: { readonly [resolution: string]: number }): { side: number; usd: number }[] {
  return Object.entries(price)
    .flatMap(([name, usd]) => {
      const match = /^(\d+)p$/.exec(name)
      return match ? [{ side: Number(match[1]), usd }] : []
    })
    .sort((a, b) => a.side - b.side)
}
