import type { CapabilityTable } from './capability-schema.js'
import { DEFAULT_CAPABILITIES, fromRow, type ModelCapabilities } from './model-capabilities.js'

export interface FoundCapabilities {
  readonly capabilities: ModelCapabilities
  /** The row that matched; absent when none did and the default applies. */
  readonly key?: string
}

/**
 * The row for a `provider:model` reference: its own key, else the matching glob with the most
 * literal characters (`fal:fal-ai/veo3/fast*` beats `fal:fal-ai/veo3*` beats `fal:*`), so a
 * family row and a row for one of its members can live side by side.
 */
export function findCapabilities(table: CapabilityTable | undefined, ref: string): FoundCapabilities {
  const rows = table ?? {}
  const exact = rows[ref]
  if (exact) return { capabilities: fromRow(exact), key: ref }
  let best: string | undefined
  for (const key of Object.keys(rows)) {
    if (!key.includes('*') || !globMatches(key, ref)) continue
    if (best === undefined || literalLength(key) > literalLength(best)) best = key
  }
  return best === undefined ? { capabilities: DEFAULT_CAPABILITIES } : { capabilities: fromRow(rows[best]!), key: best }
}

const literalLength = (key: string) => key.replaceAll('*', '').length

function globMatches(glob: string, text: string): boolean {
  const pattern = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${pattern}$`).test(text)
}
