import type { Character, Script, Shot } from '../film.js'
import { castFromSpec } from '../pipeline/plan-cast.js'
import { sceneFromSpec } from '../pipeline/plan-script.js'
import { shotFromSpec } from '../pipeline/plan-shots.js'
import type { ResolvedSpec } from '../spec/types.js'

export interface StoryboardPlan {
  readonly script: Script
  readonly cast: readonly Character[]
  readonly shots: readonly Shot[]
}

/**
 * A storyboard spec (a run's storyboard.json) as the run planned it. The pipeline's own mappings
 * do the work, so the page can never disagree with the run about a scene's slugline or a shot's
 * cast. A storyboard that names no characters was cast by a model: its page shows no cast.
 */
export function planFromStoryboard(spec: ResolvedSpec, takes: ReadonlyMap<string, number>): StoryboardPlan {
  const source = spec.source
  if (source.kind !== 'storyboard') throw new TypeError(`Expected a storyboard spec, got ${source.kind}`)
  const cast = castFromSpec(spec.characters)
  const shots = source.scenes.flatMap((scene) =>
    scene.shots.map((shot) => ({ ...shotFromSpec(shot, String(scene.number), cast, spec.shotSeconds), take: takes.get(shot.id) ?? 0 })),
  )
  return { script: { title: spec.title ?? spec.name, logline: source.storyOverview ?? '', scenes: source.scenes.map(sceneFromSpec) }, cast, shots }
}
