import path from 'node:path'
import { copyFile, writeFile } from 'node:fs/promises'
import { storyMood } from '../audio/story-mood.js'
import { extensionFor } from '../media/media-type.js'
import type { Shot } from '../film.js'
import type { ResolvedSpec } from '../spec/types.js'
import type { ArtifactMeta } from './artifacts.js'
import { madeBy, type RunContext } from './run-context.js'
import { reaches } from './run-until.js'

/** The film's music as the model made it, waiting in the run's scratch folder for the mix. */
export interface MusicBed {
  readonly file: string
  readonly meta: ArtifactMeta
}

export interface MusicCue {
  /** Each scene reports its shots once their lengths are final (after their lines are spoken). */
  planned(shots: readonly Shot[]): void
  /** Settles once every scene has reported; undefined when the film has no music. */
  bed(): Promise<MusicBed | undefined>
}

/**
 * One bed for the whole film, asked for as soon as its length is known — when every scene's
 * shots are planned — so it is made while the clips are, and a dry run prices it.
 */
export function cueMusic(ctx: RunContext, scenes: number): MusicCue {
  let left = scenes
  let seconds = 0
  let start!: (bed: Promise<MusicBed | undefined>) => void
  const bed = new Promise<MusicBed | undefined>((resolve) => (start = resolve))
  // Awaited only by the edit; a failure before then must not count as unhandled.
  bed.catch(() => undefined)
  if (scenes === 0) start(Promise.resolve(undefined))
  return {
    planned(shots) {
      seconds += shots.reduce((sum, shot) => sum + shot.seconds, 0)
      if (--left === 0) start(makeMusic(ctx, seconds))
    },
    bed: () => bed,
  }
}

async function makeMusic(ctx: RunContext, seconds: number): Promise<MusicBed | undefined> {
  const { sound } = ctx.spec
  if (sound === false || sound.music === false || !reaches(ctx.until, 'clips') || !(seconds > 0)) return undefined
  const startedAt = ctx.now()
  const result = await ctx.models.music.generate({ prompt: musicPrompt(ctx.spec), seconds, seed: ctx.spec.seed }, { signal: ctx.signal, subject: 'music' })
  const file = path.join(ctx.workDir, `music-bed.${extensionFor(result.audio.mediaType)}`)
  if (result.audio.kind === 'bytes') await writeFile(file, result.audio.bytes)
  else await copyFile(result.audio.path, file)
  return { file, meta: madeBy(ctx, { kind: 'stem', subject: 'music', model: ctx.modelRefs.music, startedAt }, result) }
}

/** The spec's own prompt, else the story's mood (the offline score reads the mood word). */
export function musicPrompt(spec: ResolvedSpec): string {
  if (spec.sound !== false && spec.sound.music !== false && spec.sound.music.prompt) return spec.sound.music.prompt
  const source = spec.source
  const story = source.kind === 'idea' ? source.idea : source.kind === 'script' ? source.script : (source.storyOverview ?? '')
  return `${storyMood(`${spec.title ?? ''} ${story}`)} instrumental film score, no vocals`
}
