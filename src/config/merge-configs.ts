import { MODEL_KINDS } from '../providers/types.js'
import type { ConfigData, ProviderConfig } from './config-schema.js'

/**
 * Later layers win. A provider is merged field by field (and its lanes kind by kind), so a person
 * can change one base URL or one rpm without restating the preset; a profile is replaced whole,
 * and so is a price entry (half of an old price next to half of a new one would be neither).
 */
export function mergeConfigs(layers: readonly ConfigData[]): ConfigData {
  const providers: Record<string, ProviderConfig> = {}
  const profiles: NonNullable<ConfigData['profiles']> = {}
  const prices: NonNullable<ConfigData['prices']> = {}
  const capabilities: NonNullable<ConfigData['capabilities']> = {}
  let merged: ConfigData = {}
  for (const layer of layers) {
    for (const [id, provider] of Object.entries(layer.providers ?? {})) {
      const before = providers[id] ?? {}
      providers[id] = {
        ...before,
        ...provider,
        models: { ...before.models, ...provider.models },
        lanes: Object.fromEntries(MODEL_KINDS.map((kind) => [kind, { ...before.lanes?.[kind], ...provider.lanes?.[kind] }])),
        headers: { ...before.headers, ...provider.headers },
        timeouts: { ...before.timeouts, ...provider.timeouts },
      }
    }
    Object.assign(profiles, layer.profiles)
    Object.assign(prices, layer.prices)
    // Field by field: a person who knows one more duration need not restate the shipped row.
    for (const [key, row] of Object.entries(layer.capabilities ?? {})) capabilities[key] = { ...capabilities[key], ...row }
    merged = { ...merged, ...(layer.profile && { profile: layer.profile }), cache: { ...merged.cache, ...layer.cache }, budget: { ...merged.budget, ...layer.budget } }
  }
  return { ...merged, providers, profiles, prices, capabilities }
}
