import { ConfigError } from '../errors.js'
import type { LaneLimits } from '../pipeline/lanes.js'
import { parseModelRef } from '../providers/registry.js'
import { MODEL_KINDS, type ModelKind, type ModelRefs } from '../providers/types.js'
import type { ResolvedSpec } from '../spec/types.js'
import { suggest } from '../util/suggest.js'
import type { ConfigData } from './config-schema.js'

export interface RunSettings {
  /** Fully resolved `provider:model` per kind (a provider's default filled in from the config). */
  readonly modelRefs: ModelRefs
  /** Per kind, the models to move a refused call to, in order, after `modelRefs` (a profile's list). */
  readonly fallbackRefs: Readonly<Record<ModelKind, readonly string[]>>
  /** The profile that chose, when one did. */
  readonly profile: string | undefined
  /** Kinds that fell back to the offline provider because nothing chose a model for them. */
  readonly offlineFallback: readonly ModelKind[]
  /** The profile's `generate_audio`: clips are asked for with their own sound (the ambience stem). */
  readonly generateAudio: boolean
  laneLimits(provider: string, kind: ModelKind): LaneLimits
}

export interface RunSettingsInput {
  readonly spec: ResolvedSpec
  readonly config: ConfigData
  readonly env: NodeJS.ProcessEnv
  /** --offline: every kind offline, whatever else says. */
  readonly offline?: boolean
  /** --profile; else VIMAX_PROFILE; else the config's `profile`. */
  readonly profile?: string
  /** --concurrency: every lane's concurrency. */
  readonly concurrency?: number
}

const FALLBACK_LIMITS: LaneLimits = { concurrency: 4 }

/**
 * Which model does each job: --offline, then the spec's `models:`, then the profile, then the
 * offline provider. Unknown profiles and providers fail here, before anything is paid for.
 */
export function resolveRunSettings(input: RunSettingsInput): RunSettings {
  const { config } = input
  const providers = config.providers ?? {}
  const profiles = config.profiles ?? {}
  const profileName = input.profile ?? (input.env.VIMAX_PROFILE || undefined) ?? config.profile
  const profile = profileName === undefined ? undefined : profiles[profileName]
  if (profileName !== undefined && profile === undefined) {
    const guess = suggest(profileName, Object.keys(profiles))
    throw new ConfigError(`unknown profile "${profileName}"${guess ? `; did you mean "${guess}"?` : ''}`, {
      code: 'E_CONFIG_INVALID',
      hint: `profiles: ${Object.keys(profiles).join(', ')} (define your own in vimax.config.yaml)`,
    })
  }
  const fallback: ModelKind[] = []
  const resolve = (kind: ModelKind, ref: string, where: string | undefined): string => {
    const { providerId, modelId } = parseModelRef(ref)
    if (!providers[providerId]) {
      const guess = suggest(providerId, Object.keys(providers))
      throw new ConfigError(`unknown provider "${providerId}" in the ${kind} model "${ref}"${where ? ` (${where})` : ''}${guess ? `; did you mean "${guess}"?` : ''}`, {
        code: 'E_MODEL_UNKNOWN',
        hint: `providers: ${Object.keys(providers).join(', ')} (add one under providers: in vimax.config.yaml)`,
      })
    }
    const model = modelId ?? providers[providerId]?.models?.[kind]
    return model === undefined ? providerId : `${providerId}:${model}`
  }
  const choose = (kind: ModelKind): readonly string[] => {
    const listed = profile?.[kind]
    const chosen = input.offline ? 'offline' : (input.spec.models[kind] ?? listed)
    if (chosen === undefined) fallback.push(kind)
    if (!Array.isArray(chosen)) return [resolve(kind, (chosen as string | undefined) ?? 'offline', undefined)]
    return chosen.map((ref: string, index: number) => resolve(kind, ref, `profiles.${profileName ?? ''}.${kind}[${index}]`))
  }
  const chains = Object.fromEntries(MODEL_KINDS.map((kind) => [kind, choose(kind)])) as Record<ModelKind, readonly string[]>
  const modelRefs = Object.fromEntries(MODEL_KINDS.map((kind) => [kind, chains[kind][0] ?? 'offline'])) as Record<ModelKind, string>
  const fallbackRefs: Record<ModelKind, readonly string[]> = { chat: [], image: [], video: [], speech: [], music: [] }
  for (const kind of MODEL_KINDS) fallbackRefs[kind] = chains[kind].slice(1)
  return {
    modelRefs,
    fallbackRefs,
    profile: profileName,
    offlineFallback: fallback,
    generateAudio: profile?.generate_audio === true,
    laneLimits(provider, kind) {
      const limits = { ...FALLBACK_LIMITS, ...providers[provider]?.lanes?.[kind] }
      return input.concurrency ? { ...limits, concurrency: input.concurrency } : limits
    },
  }
}
