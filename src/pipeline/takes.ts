import { CancelledError, ConfigError } from '../errors.js'
import { suggest } from '../util/suggest.js'
import type { ResolvedSpec } from '../spec/types.js'
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

/**
 * `--reroll` of a shot the film does not have is a typo to report (exit 2), not a request to
 * ignore: the person expected a new take and would otherwise get the old one, silently.
 */
export function checkRerolls(rerolls: readonly string[], shotIds: readonly string[]): void {
  const known = new Set(shotIds)
  const unknown = [...new Set(rerolls)].filter((id) => !known.has(id))
  if (unknown.length === 0) return
  const guesses = unknown.flatMap((id) => {
    const guess = suggest(id, shotIds)
    return guess === undefined ? [] : [`--reroll ${guess}`]
  })
  const quoted = unknown.map((id) => `"${id}"`).join(', ')
  throw new ConfigError(`--reroll: the film has no shot ${quoted}`, {
    code: 'E_UNKNOWN_SHOT',
    details: [`shot ids: ${shotIds.join(', ')}`],
    hint: guesses.length > 0 ? `did you mean ${guesses.join(', ')}?` : 'pass one of the shot ids above (storyboard.json and report.html name them too)',
    data: { unknown_shots: unknown, shot_ids: [...shotIds] },
  })
}

/** The shot ids a spec fixes before any call: a storyboard's; an idea or script has none yet. */
export function specShotIds(spec: ResolvedSpec): string[] | undefined {
  if (spec.source.kind !== 'storyboard') return undefined
  return spec.source.scenes.flatMap((scene) => scene.shots.map((shot) => shot.id))
}

export interface RerollGate {
  /**
   * A scene's shots are planned. With rerolls, resolves once every scene's are and every
   * rerolled id names one of them; rejects with E_UNKNOWN_SHOT otherwise.
   */
  planned(shots: readonly { readonly id: string }[]): Promise<void>
}

/**
 * For an idea or a screenplay the shot ids exist only once the storyboard artist has drawn every
 * scene. With `--reroll`, shooting waits for the whole storyboard so a wrong id stops the run
 * before any frame or clip is paid for; without it, each scene's shots start as soon as they are
 * planned. (A reroll is usually a rerun, whose storyboards come from the cache: the wait is nil.)
 */
export function rerollGate(rerolls: readonly string[], scenes: number, stop: AbortSignal): RerollGate {
  if (rerolls.length === 0) return { planned: async () => undefined }
  const ids: string[] = []
  let reported = 0
  let settle: { resolve: () => void; reject: (error: unknown) => void } | undefined
  const allPlanned = new Promise<void>((resolve, reject) => (settle = { resolve, reject }))
  // Scenes wait on each other here: a failure elsewhere must release them, not hang the run.
  const onStop = () => settle?.reject(new CancelledError('stopped before the storyboard was complete'))
  if (stop.aborted) onStop()
  else stop.addEventListener('abort', onStop, { once: true })
  allPlanned.catch(() => undefined)
  return {
    planned(shots) {
      ids.push(...shots.map((shot) => shot.id))
      if (++reported === scenes) {
        stop.removeEventListener('abort', onStop)
        try {
          checkRerolls(rerolls, ids.sort((x, y) => x.localeCompare(y, 'en', { numeric: true })))
          settle?.resolve()
        } catch (error) {
          settle?.reject(error)
        }
      }
      return allPlanned
    },
  }
}
