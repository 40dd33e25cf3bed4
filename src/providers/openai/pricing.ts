/**
 * List prices in USD, for the ledger's cost estimates only (checked 2026 against
 * openai.com/api/pricing; a model not listed gets no estimate rather than a wrong one).
 */
const CHAT_PER_MILLION: Readonly<Record<string, readonly [input: number, output: number]>> = {
  'gpt-5': [1.25, 10],
  'gpt-5-mini': [0.25, 2],
  'gpt-5-nano': [0.05, 0.4],
  'gpt-4.1': [2, 8],
  'gpt-4.1-mini': [0.4, 1.6],
  'gpt-4.1-nano': [0.1, 0.4],
  'gpt-4o': [2.5, 10],
  'gpt-4o-mini': [0.15, 0.6],
  o3: [2, 8],
  'o4-mini': [1.1, 4.4],
}

/** gpt-image models bill tokens: text in, image in, image out. */
const IMAGE_TOKENS_PER_MILLION: Readonly<Record<string, readonly [text: number, imageIn: number, imageOut: number]>> = {
  'gpt-image-1': [5, 10, 40],
  'gpt-image-1-mini': [2, 2.5, 8],
}

/** dall-e bills per image, by size. */
const PER_IMAGE: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'dall-e-3': { '1024x1024': 0.04, '1792x1024': 0.08, '1024x1792': 0.08 },
  'dall-e-2': { '1024x1024': 0.02 },
}

/** Dated snapshots ("gpt-4.1-mini-2025-04-14") cost what their family costs. */
const family = (modelId: string) => modelId.replace(/-\d{4}-\d{2}-\d{2}$/, '')

export function chatCostUsd(modelId: string, usage: { readonly prompt?: number; readonly completion?: number }): number | undefined {
  const price = CHAT_PER_MILLION[family(modelId)]
  if (!price || usage.prompt === undefined || usage.completion === undefined) return undefined
  return (usage.prompt * price[0] + usage.completion * price[1]) / 1e6
}

export function imageCostUsd(
  modelId: string,
  input: { readonly size: string; readonly count: number; readonly usage?: { readonly text?: number; readonly imageIn?: number; readonly imageOut?: number } },
): number | undefined {
  const perImage = PER_IMAGE[family(modelId)]?.[input.size]
  if (perImage !== undefined) return perImage * input.count
  const tokens = IMAGE_TOKENS_PER_MILLION[family(modelId)]
  const usage = input.usage
  if (!tokens || !usage || usage.imageOut === undefined) return undefined
  return ((usage.text ?? 0) * tokens[0] + (usage.imageIn ?? 0) * tokens[1] + usage.imageOut * tokens[2]) / 1e6
}
