import { mkdir } from 'node:fs/promises'
import { EDIT_MARK } from './clip-format.js'
import { createClipNormalizer, memoKey, type ClipNormalizer, type FilmClip } from './clip-normalizer.js'
import { concatClips } from './concat-clips.js'
import type { FileMemo } from './file-memo.js'
import { mapBounded } from './map-bounded.js'
import { probeMedia } from './probe.js'
import type { MediaOptions } from './run-ffmpeg.js'

export type { FilmClip } from './clip-normalizer.js'

export interface AssembleInput extends MediaOptions {
  readonly clips: readonly FilmClip[]
  readonly outPath: string
  readonly width: number
  readonly height: number
  readonly fps: number
  readonly burnSubtitles: boolean
  /** Normalised clips are written here. */
  readonly workDir: string
  /** Parallel ffmpeg re-encodes. @default 2 */
  readonly concurrency?: number
  /** Reuses normalised clips and joined films from earlier runs (see file-memo.ts). */
  readonly memo?: FileMemo
  /**
   * The run's normaliser, which has been preparing clips as they arrived; one with the same
   * format and settings is made when not given.
   */
  readonly normalizer?: ClipNormalizer
  /** Keep each clip's own sound (see NormalizerOptions.clipSound); for the normaliser made here. @default true */
  readonly clipSound?: boolean
  /** For the normaliser made here: see NormalizerOptions.fontsDir and warn. */
  readonly fontsDir?: string | undefined
  readonly warn?: (message: string) => void
}

export interface AssembleResult {
  /** `outPath`, or with a memo the memo's copy of the film (link or copy it from there). */
  readonly path: string
  readonly durationSeconds: number
  /** Clips re-encoded into the film format. */
  readonly normalized: number
  /** Clips whose picture was kept: joined as they were, or only their sound rewrapped. */
  readonly reused: number
}

/**
 * The editor's mechanics: every clip brought to the join's format once (usually already done,
 * as it arrived), then all joined from a list file by stream copy. A function of its inputs only;
 * caching of normalised clips and films belongs in the memo around it.
 */
export async function assembleFilm(input: AssembleInput): Promise<AssembleResult> {
  await mkdir(input.workDir, { recursive: true })
  // One failure stops the rest: no point finishing re-encodes for a film that will not be made.
  const stop = new AbortController()
  const signal = input.signal ? AbortSignal.any([input.signal, stop.signal]) : stop.signal
  const media = { signal, env: input.env }
  const normalizer =
    input.normalizer ??
    createClipNormalizer({ ...media, width: input.width, height: input.height, fps: input.fps, burnSubtitles: input.burnSubtitles, workDir: input.workDir, concurrency: input.concurrency, memo: input.memo, clipSound: input.clipSound, fontsDir: input.fontsDir, ...(input.warn && { warn: input.warn }) })
  // The normaliser bounds its own ffmpeg processes; this only keeps the first failure's stop.
  const clips = await mapBounded(input.clips, 64, (clip) => normalizer.prepare(clip), () => stop.abort())
  const join = (output: string) => concatClips({ ...media, inputs: clips, output, task: `joining ${clips.length} clips into ${input.outPath}` })
  const identities = clips.map((clip) => clip.sha256)
  let film = input.outPath
  if (input.memo && identities.every((sha) => sha !== undefined)) {
    const key = memoKey({ op: 'concat', mark: EDIT_MARK, clips: identities, seconds: clips.map((clip) => clip.seconds) })
    film = (await input.memo.file(key, 'video/mp4', join)).path
  } else {
    await join(film)
  }
  const probe = await probeMedia(film, media)
  return { path: film, durationSeconds: probe.durationSeconds, ...normalizer.counts() }
}
