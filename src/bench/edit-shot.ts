import type { ResolvedSpec, SpecShot } from '../spec/types.js'

/** Appended to one shot's video prompt: it changes that clip's request and nothing upstream of it. */
export const EDIT_SUFFIX = ' The camera holds on the last moment a beat longer.'

export interface EditedSpec {
  readonly spec: ResolvedSpec
  readonly shotId: string
}

/**
 * A storyboard spec with one shot's `video_prompt` changed — the middle shot of the film, so the
 * choice is stable and not a special case at either end. Only that shot's clip depends on it.
 */
export function editOneShot(spec: ResolvedSpec): EditedSpec {
  const source = spec.source
  if (source.kind !== 'storyboard') throw new Error(`editOneShot needs a storyboard spec, got ${source.kind}`)
  const shots = source.scenes.flatMap((scene) => scene.shots)
  const target = shots[Math.floor((shots.length - 1) / 2)]
  if (target === undefined) throw new Error(`spec ${spec.name} has no shots to edit`)
  const edit = (shot: SpecShot): SpecShot => (shot === target ? { ...shot, videoPrompt: shot.videoPrompt + EDIT_SUFFIX } : shot)
  const scenes = source.scenes.map((scene) => ({ ...scene, shots: scene.shots.map(edit) }))
  return { spec: { ...spec, source: { ...source, scenes } }, shotId: target.id }
}
