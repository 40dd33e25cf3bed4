import type { LaneLimits } from '../pipeline/lanes.js'
import type { ModelKind } from '../providers/types.js'
import type { ResolvedSpec } from '../spec/types.js'

export interface RunSettings {
  readonly modelRefs: { readonly chat: string; readonly image: string; readonly video: string }
  /** Kinds that fell back to the offline provider because nothing else was chosen. */
  readonly offlineFallback: readonly ModelKind[]
  laneLimits(provider: string, kind: ModelKind): LaneLimits
}

export const OFFLINE_REFS = { chat: 'offline:writer', image: 'offline:cards', video: 'offline:animatic' } as const

/** Lane defaults when the config says nothing: generous for the offline provider, careful for vendors. */
const DEFAULT_LIMITS: Record<ModelKind, LaneLimits> = {
  chat: { concurrency: 4 },
  image: { concurrency: 4 },
  video: { concurrency: 4 },
}
const OFFLINE_LIMITS: Record<ModelKind, LaneLimits> = {
  chat: { concurrency: 8 },
  image: { concurrency: 16 },
  video: { concurrency: 16 },
}

export interface RunSettingsInput {
  readonly spec: ResolvedSpec
  readonly offline?: boolean
  /** --concurrency: every lane's concurrency. */
  readonly concurrency?: number
}

export function resolveRunSettings(input: RunSettingsInput): RunSettings {
  const fallback: ModelKind[] = []
  const choose = (kind: ModelKind): string => {
    if (input.offline) return OFFLINE_REFS[kind]
    const chosen = input.spec.models[kind]
    if (chosen) return chosen
    fallback.push(kind)
    return OFFLINE_REFS[kind]
  }
  const modelRefs = { chat: choose('chat'), image: choose('image'), video: choose('video') }
  return {
    modelRefs,
    offlineFallback: fallback,
    laneLimits(provider, kind) {
      const base = (provider === 'offline' ? OFFLINE_LIMITS : DEFAULT_LIMITS)[kind]
      return input.concurrency ? { ...base, concurrency: input.concurrency } : base
    },
  }
}
