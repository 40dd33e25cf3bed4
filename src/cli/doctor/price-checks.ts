import type { PriceBook } from '../../cost/price-book.js'
import { formatUsd } from '../../util/format-usd.js'
import type { ModelKind } from '../../providers/types.js'
import { SPEECH_SECONDS_PER_CHARACTER } from '../../pipeline/speech-estimate.js'
import type { DoctorCheck } from './doctor-check.js'

/** A 16:9 film's frame: what a price by resolution is quoted at. */
const FRAME = { width: 1280, height: 720 }

/**
 * What each model of the profile costs, as the price table says — so a person sees before a run
 * which estimates will be unknown. An unknown price fails only under a cost cap, which cannot be
 * kept without it (a run would refuse to start, exit 5).
 */
export function priceCheck(models: Readonly<Record<ModelKind, { readonly provider: string; readonly model: string }>>, prices: PriceBook, maxCostUsd: number | undefined): DoctorCheck {
  const quotes = (Object.entries(models) as [ModelKind, { provider: string; model: string }][]).map(([kind, { provider, model }]) => ({
    kind,
    ref: `${provider}:${model}`,
    quote: quote(prices, provider, model, kind),
  }))
  const unknown = quotes.filter((entry) => entry.quote === undefined)
  const detail = quotes.map((entry) => `${entry.kind} ${entry.quote ?? 'unknown'}`).join(' · ')
  if (unknown.length === 0 || maxCostUsd === undefined) {
    return { name: 'prices', ok: true, detail: unknown.length === 0 ? detail : `${detail} (add ${unknown.map((entry) => entry.ref).join(', ')} under prices: to estimate them)` }
  }
  return {
    name: 'prices',
    ok: false,
    detail,
    hint: `budget.max_cost ${formatUsd(maxCostUsd)} needs a price for ${unknown.map((entry) => entry.ref).join(', ')}: add them under prices: in vimax.config.yaml`,
    exitCode: 5,
  }
}

function quote(prices: PriceBook, provider: string, model: string, kind: ModelKind): string | undefined {
  if (!prices.knows(provider, model, kind)) return undefined
  if (kind === 'chat') {
    const input = prices.cost(provider, model, { kind, inputTokens: 1e6, outputTokens: 0 })
    const output = prices.cost(provider, model, { kind, inputTokens: 0, outputTokens: 1e6 })
    return input === undefined || output === undefined ? undefined : `${formatUsd(input)} / ${formatUsd(output)} per 1M tokens in / out`
  }
  if (kind === 'speech') {
    const each = prices.cost(provider, model, { kind, characters: 1e6, seconds: 1e6 * SPEECH_SECONDS_PER_CHARACTER })
    return each === undefined ? undefined : `${formatUsd(each)} per 1M characters spoken`
  }
  if (kind === 'music') {
    const each = prices.cost(provider, model, { kind, seconds: 60 })
    return each === undefined ? undefined : `${formatUsd(each)} a minute`
  }
  const each = kind === 'image' ? prices.cost(provider, model, { kind, images: 1, ...FRAME }) : prices.cost(provider, model, { kind, seconds: 1, ...FRAME })
  return each === undefined ? undefined : `${formatUsd(each)} ${kind === 'image' ? 'an image' : 'a second'} (720p)`
}
