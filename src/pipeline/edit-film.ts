import path from 'node:path'
import { assembleFilm } from '../media/assemble-film.js'
import { formatSrt, timeCues } from '../media/subtitles.js'
import type { ArtifactRecord } from './artifacts.js'
import type { RunContext } from './run-context.js'
import { shotSubject, type ShotResult } from './shoot-shot.js'
import type { FileMemo } from '../media/file-memo.js'
import { FILM_FPS } from '../media/frame-size.js'

export interface EditedFilm {
  readonly film: ArtifactRecord
  readonly subtitles: ArtifactRecord
  readonly durationSeconds: number
}

/** The editor: every clip normalised once, joined without another encode, and the dialogue as SRT. */
export async function editFilm(
  ctx: RunContext,
  shots: readonly (ShotResult & { readonly clip: ArtifactRecord })[],
  options: { readonly burnSubtitles: boolean; readonly concurrency: number; readonly memo?: FileMemo | undefined },
): Promise<EditedFilm> {
  ctx.progress.expect('assemble', 1)
  const cues = timeCues(shots.map(({ shot }) => ({ seconds: shot.seconds, dialogue: shot.dialogue })))
  let offset = 0
  const clips = shots.map(({ shot, clip }) => {
    const start = offset
    offset += shot.seconds
    return {
      path: path.join(ctx.artifacts.outDir, clip.path),
      sha256: clip.sha256,
      subject: shotSubject(shot),
      seconds: shot.seconds,
      cues: cues
        .filter((cue) => cue.start >= start && cue.end <= offset)
        .map((cue) => ({ ...cue, start: cue.start - start, end: cue.end - start })),
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
    signal: ctx.stop,
  })
  const film = await ctx.artifacts.writeMedia('film.mp4', { kind: 'file', path: assembled.path, mediaType: 'video/mp4' }, {
    kind: 'film',
    subject: 'film',
    latencyMs: ctx.now() - startedAt,
  })
  const subtitles = await ctx.artifacts.writeText('film.srt', formatSrt(cues), { kind: 'subtitles', subject: 'film' })
  ctx.progress.done('assemble', 'film')
  return { film, subtitles, durationSeconds: assembled.durationSeconds }
}
