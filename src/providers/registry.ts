import { ConfigError } from '../errors.js'
import { suggest } from '../util/suggest.js'
import type { ModelKind, ModelsByKind, Provider } from './types.js'

export type ProviderFactory = () => Promise<Provider> | Provider

type ModelOf<K extends ModelKind> = ModelsByKind[K]

export interface Registry {
  readonly providers: readonly string[]
  /** Resolves `"provider:model"` or `"provider"` (its default model for the kind). */
  model<K extends ModelKind>(kind: K, ref: string): Promise<ModelOf<K>>
}

/**
 * Providers are built on first use, so an offline run never loads (or asks keys for) a vendor.
 * Tests and users pass any `Record<string, ProviderFactory>`.
 */
export function createRegistry(factories: Readonly<Record<string, ProviderFactory>>): Registry {
  const built = new Map<string, Promise<Provider>>()
  const provider = (id: string) => {
    let value = built.get(id)
    if (!value) {
      const factory = factories[id]
      if (!factory) throw unknownProvider(id, Object.keys(factories))
      built.set(id, (value = Promise.resolve().then(factory)))
    }
    return value
  }
  return {
    providers: Object.keys(factories),
    async model(kind, ref) {
      const { providerId, modelId } = parseModelRef(ref)
      const found = await provider(providerId)
      const make = found[kind] as ((id: string) => ModelOf<typeof kind>) | undefined
      if (!make) {
        const able = await kindProviders(kind, factories, provider)
        throw new ConfigError(`${providerId} has no ${kind} models; ${kind} providers: ${able.join(', ')}`, {
          code: 'E_MODEL_UNKNOWN',
          hint: `choose a ${kind} model from one of: ${able.join(', ')}`,
        })
      }
      const id = modelId ?? found.defaults?.[kind]
      if (!id) {
        throw new ConfigError(`model reference "${ref}" names no ${kind} model and ${providerId} has no default`, {
          code: 'E_MODEL_UNKNOWN',
          hint: `write it as "${providerId}:<model id>"`,
        })
      }
      return make.call(found, id)
    },
  }
}

export function parseModelRef(ref: string): { providerId: string; modelId: string | undefined } {
  const index = ref.indexOf(':')
  if (index < 0) return { providerId: ref.trim(), modelId: undefined }
  return { providerId: ref.slice(0, index).trim(), modelId: ref.slice(index + 1).trim() || undefined }
}

function unknownProvider(id: string, known: readonly string[]): ConfigError {
  const guess = suggest(id, known)
  return new ConfigError(`unknown provider "${id}"${guess ? `; did you mean "${guess}"?` : ''}`, {
    code: 'E_MODEL_UNKNOWN',
    hint: `providers: ${known.join(', ')}`,
  })
}

async function kindProviders(
  kind: ModelKind,
  factories: Readonly<Record<string, ProviderFactory>>,
  provider: (id: string) => Promise<Provider>,
): Promise<string[]> {
  const able: string[] = []
  for (const id of Object.keys(factories)) {
    const found = await provider(id).catch(() => undefined)
    if (found?.[kind]) able.push(id)
  }
  return able
}
