import { designStoryboard } from '../agents/storyboard-artist.js'
import type { Character, Scene, Shot } from '../film.js'
import type { SpecShot } from '../spec/types.js'
import { fitStoryboard } from './fit-storyboard.js'
import type { RunContext } from './run-context.js'
import { reaches } from './run-until.js'

/**
 * A scene's shots: designed by the storyboard artist, or taken from the spec as written. Each
 * shot gets its take here, so a reroll reaches only its own frame and clip.
 */
export async function planShots(ctx: RunContext, scene: Scene, cast: readonly Character[]): Promise<readonly Shot[]> {
  const { spec } = ctx
  let shots: readonly Shot[]
  if (spec.source.kind === 'storyboard') {
    const specScene = spec.source.scenes.find((candidate) => String(candidate.number) === scene.id)
    shots = (specScene?.shots ?? []).map((shot) => shotFromSpec(shot, scene.id, cast, spec.shotSeconds))
  } else {
    const subject = `scene ${scene.id}`
    shots = await designStoryboard(
      ctx.models.chat,
      { scene, cast, shotSeconds: spec.shotSeconds, requirement: spec.requirement, language: spec.language, seed: spec.seed },
      { signal: ctx.signal, subject },
    )
    ctx.progress.done('storyboards', subject)
  }
  const fitted = fitStoryboard(ctx.videoCapabilities, ctx.modelRefs.video, shots)
  if (fitted.warning) ctx.emit({ type: 'warning', message: fitted.warning })
  const withTakes = fitted.shots.map((shot) => ({ ...shot, take: ctx.takes.get(shot.id) ?? 0 }))
  if (reaches(ctx.until, 'frames')) ctx.progress.expect('frames', withTakes.length)
  if (reaches(ctx.until, 'clips')) ctx.progress.expect('clips', withTakes.length)
  return withTakes
}

/** A storyboard spec's shot, on take 0 and before its seconds are fitted to the video model. */
export function shotFromSpec(shot: SpecShot, sceneId: string, cast: readonly Character[], shotSeconds: number): Shot {
  return {
    id: shot.id,
    sceneId,
    firstFrame: shot.firstFrame,
    videoPrompt: shot.videoPrompt,
    characters: visibleCharacters(shot, cast),
    dialogue: shot.dialogue,
    seconds: shot.seconds ?? shotSeconds,
    take: 0,
  }
}

/** Listed names win; otherwise a character is visible when the frame description names them. */
export function visibleCharacters(shot: Pick<SpecShot, 'characters' | 'firstFrame'>, cast: readonly Character[]): string[] {
  const byName = (name: string) => cast.find((character) => character.name.toLowerCase() === name.trim().toLowerCase())
  if (shot.characters) return shot.characters.flatMap((name) => byName(name)?.id ?? [])
  const text = shot.firstFrame.toLowerCase()
  return cast
    .filter((character) => {
      const names = [character.name, character.name.split(/\s+/)[0] ?? '']
      return names.some((name) => name.length > 1 && new RegExp(`\\b${escapeRegExp(name.toLowerCase())}\\b`).test(text))
    })
    .map((character) => character.id)
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
