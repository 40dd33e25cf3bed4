import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { frameCount } from './clip-format.js'
import { concatClips, type ConcatClip } from './concat-clips.js'
import { mapBounded } from './map-bounded.js'
import { needsNormalizing, normalizeClip } from './normalize-clip.js'
import { probeMedia } from './probe.js'
import type { MediaOptions } from './run-ffmpeg.js'
import type { Cue } from './subtitles.js'

export interface FilmClip {
  readonly path: string
  /** The shot's planned length; the clip is trimmed or held to it. */
  readonly seconds: number
  /** Dialogue relative to the clip's start; burned in when burnSubtitles is set. */
  readonly cues: readonly Cue[]
  /** Named in errors ("shot 1.2"); defaults to the clip's position. */
  readonly subject?: string
}

export interface AssembleInput extends MediaOptions {
  readonly clips: readonly FilmClip[]
  readonly outPath: string
  readonly width: number
  readonly height: number
  readonly fps: number
  readonly burnSubtitles: boolean
  /** Normalised clips are written here, named by position. */
  readonly workDir: string
  /** Parallel ffmpeg re-encodes. @default 2 */
  readonly concurrency?: number
}

export interface AssembleResult {
  readonly path: string
  readonly durationSeconds: number
  /** Clips re-encoded into the film format. */
  readonly normalized: number
  /** Clips already in the film format, joined as they were. */
  readonly reused: number
}

/**
 * The editor's mechanics: bring every clip to the film format once (in parallel, skipping those
 * already in it), then join them by stream copy. A function of its inputs only; caching of
 * normalised clips belongs around it.
 */
export async function assembleFilm(input: AssembleInput): Promise<AssembleResult> {
  const { width, height, fps } = input
  await mkdir(input.workDir, { recursive: true })
  // One failure stops the rest: no point finishing re-encodes for a film that will not be made.
  const stop = new AbortController()
  const signal = input.signal ? AbortSignal.any([input.signal, stop.signal]) : stop.signal
  const media = { signal, env: input.env }
  let normalized = 0
  let reused = 0
  const prepare = async (clip: FilmClip, index: number): Promise<ConcatClip> => {
    // What both renderers produce for this shot: a whole number of frames.
    const exact = frameCount(clip.seconds, fps) / fps
    const probe = await probeMedia(clip.path, media)
    const burn = input.burnSubtitles && clip.cues.length > 0
    const target = { width, height, fps, seconds: clip.seconds }
    if (!burn && !needsNormalizing(probe, target)) {
      reused++
      return { path: clip.path, seconds: exact }
    }
    const output = path.join(input.workDir, `clip-${String(index + 1).padStart(3, '0')}.mp4`)
    await normalizeClip({
      ...media,
      ...target,
      input: clip.path,
      output,
      probe,
      cues: burn ? clip.cues : [],
      task: `normalising clip ${clip.subject ?? `#${index + 1}`}`,
    })
    normalized++
    return { path: output, seconds: exact }
  }
  const clips = await mapBounded(input.clips, input.concurrency ?? 2, prepare, () => stop.abort())
  await concatClips({ ...media, inputs: clips, output: input.outPath, task: `joining ${clips.length} clips into ${input.outPath}` })
  const probe = await probeMedia(input.outPath, media)
  return { path: input.outPath, durationSeconds: probe.durationSeconds, normalized, reused }
}
