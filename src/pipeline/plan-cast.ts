import { castCharacters, slugify } from '../agents/casting.js'
import type { Character, Script } from '../film.js'
import type { ResolvedSpec } from '../spec/types.js'
import { castVoices } from './cast-voices.js'
import type { RunContext } from './run-context.js'

/**
 * The cast. For an idea or a screenplay the casting agent reads the script; a storyboard names
 * its characters in the spec, or the agent reads only its overview — never the shots, so that
 * editing one shot does not recast the film.
 */
export async function planCast(ctx: RunContext, script: Script): Promise<readonly Character[]> {
  const { spec } = ctx
  const source = spec.source
  let text: string | undefined
  if (source.kind === 'idea') text = scenesText(script)
  else if (source.kind === 'script') text = source.script
  else if (spec.characters.length === 0 && source.storyOverview) text = source.storyOverview
  if (text === undefined) return castVoices(spec, ctx.models.speech, castFromSpec(spec.characters))
  ctx.progress.expect('cast', 1)
  const cast = await castCharacters(ctx.models.chat, { text, pinned: spec.characters, seed: spec.seed }, { signal: ctx.signal, subject: 'cast' })
  ctx.progress.done('cast', 'cast')
  return castVoices(spec, ctx.models.speech, cast)
}

/** Characters as the spec pins them, with no casting call. */
export function castFromSpec(characters: ResolvedSpec['characters']): Character[] {
  return characters.map((character) => ({
    id: slugify(character.name),
    name: character.name,
    appearance: character.appearance ?? '',
    outfit: character.outfit ?? '',
    ...(character.voice !== undefined && { voice: character.voice }),
  }))
}

/** The scenes as a screenplay. The title stays out, so retitling a film does not recast it. */
export function scenesText(script: Script): string {
  const lines: string[] = []
  for (const scene of script.scenes) {
    lines.push(scene.slugline, '', scene.action, '')
    for (const line of scene.dialogue) lines.push(`${line.speaker.toUpperCase()}: ${line.line}`)
    lines.push('')
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n'
}
