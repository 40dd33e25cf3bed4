import type { OfflineOptions } from './offline/options.js'
import type { ProviderFactory } from './registry.js'

export interface BuiltinSettings {
  readonly offline?: OfflineOptions
}

/** Built-in providers as lazy imports: nothing loads until a run names it. */
export function builtinProviders(settings: BuiltinSettings = {}): Record<string, ProviderFactory> {
  return {
    offline: async () => (await import('./offline/index.js')).createOffline(settings.offline),
  }
}
