import path from 'node:path'
import { assembleFilm } from '../media/assemble-film.js'
import { formatSrt, speechCues, timeCues, type Cue } from '../media/subtitles.js'
import type { ArtifactRecord } from './artifacts.js'
import type { MusicBed } from './music-bed.js'
import type { RunContext } from './run-context.js'
import { shotSubject, type ShotResult } from './shoot-shot.js'
import type { FileMemo } from '../media/file-memo.js'
import type { ClipNormalizer } from '../media/clip-normalizer.js'
import { FILM_FPS } from '../media/frame-size.js'
import { makeSoundtrack, placeLines, type SoundtrackFacts } from './soundtrack.js'
import type { SpokenLine } from './voice-shot.js'

export interface EditedFilm {
  readonly film: ArtifactRecord
  readonly subtitles: ArtifactRecord
  readonly durationSeconds: number
  /** The mix as measured; absent for a silent film (`audio: false`). */
  readonly soundtrack?: SoundtrackFacts
}

export interface EditOptions {
  readonly burnSubtitles: boolean
  readonly concurrency: number
  readonly memo?: FileMemo | undefined
  /** Each shot's spoken lines; without them (a silent film) cues share the shot by length. */
  readonly voiced?: ReadonlyMap<string, readonly SpokenLine[]> | undefined
  readonly music?: Promise<MusicBed | undefined> | undefined
  /** The run's normaliser, already preparing clips as they arrived (see generate.ts). */
  readonly normalizer?: ClipNormalizer | undefined
}

/**
 * The editor: every clip normalised once, joined without another encode, the dialogue as SRT
 * timed from the speech, and the soundtrack mixed and put under the joined picture.
 */
export async function editFilm(ctx: RunContext, shots: readonly (ShotResult & { readonly clip: ArtifactRecord })[], options: EditOptions): Promise<EditedFilm> {
  ctx.progress.expect('assemble', 1)
  const speaking = ctx.spec.sound !== false && options.voiced !== undefined
  const lines = speaking ? placeLines(shots.map(({ shot }) => shot), options.voiced!, ctx.artifacts.outDir) : []
  const cues = speaking ? speechCues(lines) : timeCues(shots.map(({ shot }) => ({ seconds: shot.seconds, dialogue: shot.dialogue })))
  let offset = 0
  const clips = shots.map(({ shot, clip }) => {
    const start = offset
    offset += shot.seconds
    return {
      path: path.join(ctx.artifacts.outDir, clip.path),
      sha256: clip.sha256,
      subject: shotSubject(shot),
      seconds: shot.seconds,
      cues: cuesWithin(cues, start, offset),
    }
  })
  const startedAt = ctx.now()
  const assembled = await assembleFilm({
    clips,
    outPath: path.join(ctx.workDir, 'film.mp4'),
    ...(options.memo && { memo: options.memo }),
    width: ctx.size.width,
    height: ctx.size.height,
    fps: FILM_FPS,
    burnSubtitles: options.burnSubtitles,
    workDir: path.join(ctx.workDir, 'normalized'),
    concurrency: options.concurrency,
    ...(options.normalizer && { normalizer: options.normalizer }),
    clipSound: ctx.generateAudio === true,
    signal: ctx.stop,
  })
  // generate_audio: the sound each clip came back with, taken from the clip as made (not its normalised copy).
  const ambience =
    ctx.generateAudio === true
      ? shots.map(({ shot, clip }) => ({ path: path.join(ctx.artifacts.outDir, clip.path), sha256: clip.sha256, seconds: shot.seconds }))
      : undefined
  const sound = speaking
    ? await makeSoundtrack(ctx, { lines, music: await options.music, film: assembled.path, durationS: assembled.durationSeconds, memo: options.memo, ambience })
    : undefined
  if (sound) ctx.emit({ type: 'soundtrack', facts: sound.facts })
  const film = await ctx.artifacts.writeMedia('film.mp4', { kind: 'file', path: sound?.film ?? assembled.path, mediaType: 'video/mp4' }, {
    kind: 'film',
    subject: 'film',
    latencyMs: ctx.now() - startedAt,
  })
  const subtitles = await ctx.artifacts.writeText('film.srt', formatSrt(cues), { kind: 'subtitles', subject: 'film' })
  ctx.progress.done('assemble', 'film')
  return { film, subtitles, durationSeconds: assembled.durationSeconds, ...(sound && { soundtrack: sound.facts }) }
}

/** A clip's cues, relative to its start: those that begin in it, cut at its end. */
function cuesWithin(cues: readonly Cue[], start: number, end: number): Cue[] {
  return cues
    .filter((cue) => cue.start >= start && cue.start < end)
    .map((cue) => ({ ...cue, start: cue.start - start, end: Math.min(cue.end, end) - start }))
}
