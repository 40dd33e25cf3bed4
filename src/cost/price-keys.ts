/** Stands for every model of a provider that has no entry of its own (local servers: all free). */
export const ANY_MODEL = '*'

/**
 * The table keys that may price a model, most specific first: the model as named, its family,
 * then the provider's `*` entry. The family drops what vendors add to a model's name without
 * changing its price: Gemini's `models/` prefix and dated snapshots ("gpt-4.1-mini-2025-04-14",
 * "claude-sonnet-4-20250514").
 */
export function priceKeys(provider: string, modelId: string): string[] {
  const family = modelId.replace(/^models\//, '').replace(/-(\d{4}-\d{2}-\d{2}|\d{8})$/, '')
  return [...new Set([modelId, family, ANY_MODEL])].map((model) => `${provider}:${model}`)
}
