import type { Manifest } from './manifest.js'

/**
 * Takes persist in the output folder's manifest: a rerolled shot keeps its new take on later
 * runs instead of reverting to the first one.
 */
export function takesFor(previous: Manifest | undefined, rerolls: readonly string[]): ReadonlyMap<string, number> {
  const takes = new Map<string, number>()
  for (const shot of previous?.shots ?? []) if (shot.take > 0) takes.set(shot.id, shot.take)
  for (const id of new Set(rerolls)) takes.set(id, (takes.get(id) ?? 0) + 1)
  return takes
}
