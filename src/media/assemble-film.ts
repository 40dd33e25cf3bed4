import { createHash } from 'node:crypto'
import { copyFile, mkdir } from 'node:fs/promises'
import path from 'node:path'
import { CLIP_MARK, frameCount } from './clip-format.js'
import { concatClips } from './concat-clips.js'
import type { FileMemo } from './file-memo.js'
import { mapBounded } from './map-bounded.js'
import { needsNormalizing, normalizeClip } from './normalize-clip.js'
import { probeMedia, type ProbeResult } from './probe.js'
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
  /** The clip file's sha256, when known: with a memo, it names the normalised clip. */
  readonly sha256?: string
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
  /** Reuses normalised clips and joined films from earlier runs (see file-memo.ts). */
  readonly memo?: FileMemo
}

export interface AssembleResult {
  /** `outPath`, or with a memo the memo's copy of the film (link or copy it from there). */
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
  const prepare = async (clip: FilmClip, index: number): Promise<Prepared> => {
    // What both renderers produce for this shot: a whole number of frames.
    const exact = frameCount(clip.seconds, fps) / fps
    const burn = input.burnSubtitles && clip.cues.length > 0
    const target = { width, height, fps, seconds: clip.seconds }
    const cues = burn ? clip.cues : []
    const normalize = async (output: string, probe?: ProbeResult) => {
      await normalizeClip({ ...media, ...target, input: clip.path, output, cues, task: `normalising clip ${clip.subject ?? `#${index + 1}`}`, ...(probe && { probe }) })
      normalized++
    }
    if (input.memo && clip.sha256) {
      // Keyed by what the clip is, not where it is: a warm rerun neither probes nor encodes.
      const key = memoKey({ op: 'normalize', mark: CLIP_MARK, clip: clip.sha256, ...target, cues })
      const made = await input.memo.file(key, 'video/mp4', async (out) => {
        const probe = await probeMedia(clip.path, media)
        if (burn || needsNormalizing(probe, target)) return normalize(out, probe)
        // Already in the film format: the "normalised" clip is the same bytes (one blob).
        await copyFile(clip.path, out)
        reused++
      })
      return { path: made.path, seconds: exact, sha256: made.sha256 }
    }
    const probe = await probeMedia(clip.path, media)
    if (!burn && !needsNormalizing(probe, target)) {
      reused++
      return { path: clip.path, seconds: exact }
    }
    const output = path.join(input.workDir, `clip-${String(index + 1).padStart(3, '0')}.mp4`)
    await normalize(output, probe)
    return { path: output, seconds: exact }
  }
  const clips = await mapBounded(input.clips, input.concurrency ?? 2, prepare, () => stop.abort())
  const join = (output: string) => concatClips({ ...media, inputs: clips, output, task: `joining ${clips.length} clips into ${input.outPath}` })
  const identities = clips.map((clip) => clip.sha256)
  let film = input.outPath
  if (input.memo && identities.every((sha) => sha !== undefined)) {
    const key = memoKey({ op: 'concat', mark: CLIP_MARK, clips: identities, seconds: clips.map((clip) => clip.seconds) })
    film = (await input.memo.file(key, 'video/mp4', join)).path
  } else {
    await join(film)
  }
  const probe = await probeMedia(film, media)
  return { path: film, durationSeconds: probe.durationSeconds, normalized, reused }
}

type Prepared = { readonly path: string; readonly seconds: number; readonly sha256?: string }

function memoKey(what: Record<string, unknown>): string {
  return `v1:${createHash('sha256').update(JSON.stringify(what)).digest('hex')}`
}
