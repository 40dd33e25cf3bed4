import { developStory, structureScript, writeScript } from '../agents/screenwriter.js'
import type { Scene, Script } from '../film.js'
import type { SpecScene } from '../spec/types.js'
import type { RunContext } from './run-context.js'

/**
 * The script, from whichever entry point the spec uses: an idea is developed into a story and
 * then a script; a screenplay is structured; a storyboard already is one.
 */
export async function planScript(ctx: RunContext): Promise<Script> {
  const { spec, models, progress } = ctx
  const source = spec.source
  const options = { signal: ctx.signal, subject: 'script' }
  if (source.kind === 'idea') {
    progress.expect('script', 2)
    // The spec's characters are the story's cast: a writer that does not hear of them invents others.
    const input = { idea: source.idea, requirement: spec.requirement, language: spec.language, seed: spec.seed, pinned: spec.characters }
    const story = await developStory(models.chat, input, { ...options, subject: 'story' })
    progress.done('script', 'story')
    const script = await writeScript(models.chat, { story, requirement: spec.requirement, language: spec.language, seed: spec.seed }, options)
    progress.done('script', 'script')
    return spec.title ? { ...script, title: spec.title } : script
  }
  if (source.kind === 'script') {
    progress.expect('script', 1)
    const script = await structureScript(models.chat, { script: source.script, language: spec.language, seed: spec.seed }, options)
    progress.done('script', 'script')
    return spec.title ? { ...script, title: spec.title } : script
  }
  return {
    title: spec.title ?? spec.name,
    logline: source.storyOverview ?? '',
    scenes: source.scenes.map(sceneFromSpec),
  }
}

/** A storyboard spec's scene as the film's scene: the report rebuilds a run's page with it too. */
export function sceneFromSpec(scene: SpecScene): Scene {
  const dialogue = scene.shots.flatMap((shot) => shot.dialogue)
  return {
    id: String(scene.number),
    slugline: scene.slugline ?? `SCENE ${scene.number}`,
    action: scene.shots.map((shot) => shot.firstFrame).join(' '),
    dialogue,
    characters: [...new Set([...scene.shots.flatMap((shot) => shot.characters ?? []), ...dialogue.map((line) => line.speaker)])],
  }
}
