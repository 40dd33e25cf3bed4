import { createHash } from 'node:crypto'
import { copyFile } from 'node:fs/promises'
import path from 'node:path'
import { EDIT_MARK, frameCount, type ClipFormat } from './clip-format.js'
import type { FileMemo } from './file-memo.js'
import { createSubtitleFonts, type BurnFont } from './fonts/subtitle-fonts.js'
import { clipReadiness, normalizeClip } from './normalize-clip.js'
import { probeMedia } from './probe.js'
import { rewrapClip } from './rewrap-clip.js'
import type { MediaOptions } from './run-ffmpeg.js'
import type { Cue } from './subtitles.js'

export interface FilmClip {
  readonly path: string
  /** The shot's planned length; the clip is trimmed or held to it. */
  readonly seconds: number
  /** Dialogue relative to the clip's start; burned in when burnSubtitles is set. */
  readonly cues: readonly Cue[]
  /** Named in errors ("shot 1.2"); defaults to the clip's file name. */
  readonly subject?: string
  /** The clip file's sha256, when known: with a memo, it names the normalised clip. */
  readonly sha256?: string
}

/** A clip ready for the join, and its exact length (whole frames). */
export interface PreparedClip {
  readonly path: string
  readonly seconds: number
  readonly sha256?: string
}

export interface NormalizerOptions extends MediaOptions, ClipFormat {
  readonly burnSubtitles: boolean
  /** Normalised clips are written here when there is no memo. */
  readonly workDir: string
  /** ffmpeg processes at once, early or late: the lanes' own work must not starve. @default 2 */
  readonly concurrency?: number
  /** Reuses normalised clips from earlier runs (see file-memo.ts): a warm rerun does no media work. */
  readonly memo?: FileMemo | undefined
  /**
   * Whether the clips' own sound is kept (the profile's generate_audio). False: every clip joins
   * with silence, so a video model that makes sound unasked (Veo 3 on the Gemini API) is never
   * heard. @default true
   */
  readonly clipSound?: boolean
  /** `fonts.dir` from the config (VIMAX_FONTS_DIR in env wins): searched first for the burn's font. */
  readonly fontsDir?: string | undefined
  /** Told once per script no font draws (burned cues in it may show boxes). */
  readonly warn?: (message: string) => void
}

export interface ClipNormalizer {
  /** The clip made ready for the join; asking again for the same clip shares the first answer. */
  prepare(clip: FilmClip): Promise<PreparedClip>
  /** Starts preparing a clip as soon as it exists; a failure surfaces when `prepare` asks for it. */
  prefetch(clip: FilmClip): void
  /** Clips re-encoded; clips whose picture was kept (joined as they were, or only their sound rewrapped). */
  counts(): { readonly normalized: number; readonly reused: number }
  /** Resolves once nothing it started is still running (so its folder can be removed). */
  settled(): Promise<void>
}

/**
 * The editor's first half, run while the film is still being made: each clip is brought to the
 * join's format the moment it arrives, at most `concurrency` at a time, so when the last clip
 * lands only it and the join remain.
 */
export function createClipNormalizer(options: NormalizerOptions): ClipNormalizer {
  const { width, height, fps, memo } = options
  const sound = options.clipSound !== false
  const media = { signal: options.signal, env: options.env }
  const started = new Map<string, Promise<PreparedClip>>()
  const limit = createLimit(options.concurrency ?? 2)
  const fonts = createSubtitleFonts({ dir: options.fontsDir, env: options.env ?? process.env, ...(options.warn && { warn: options.warn }) })
  let normalized = 0
  let reused = 0

  const make = async (clip: FilmClip, baseKey: string): Promise<PreparedClip> => {
    const exact = frameCount(clip.seconds, fps) / fps
    const cues = options.burnSubtitles ? clip.cues : []
    const font: BurnFont | undefined = cues.length > 0 ? await fonts.fontFor(cues.map((cue) => cue.text)) : undefined
    // The font's bytes name the burn: another font is another clip, never a stale memo hit.
    const key = font ? memoKey({ op: 'burn', base: baseKey, font: font.sha256 }) : baseKey
    const target = { width, height, fps, seconds: clip.seconds }
    const task = (what: string) => `${what} clip ${clip.subject ?? path.basename(clip.path)}`
    const inspect = async () => {
      const probe = await probeMedia(clip.path, media)
      const readiness = cues.length > 0 ? ('encode' as const) : clipReadiness(probe, target)
      // A clip ready as it is still carries its sound: without it, only the sound is rewritten.
      return { probe, readiness: !sound && readiness === 'ready' ? ('rewrap' as const) : readiness }
    }
    const write = async (out: string, { probe, readiness }: Awaited<ReturnType<typeof inspect>>) => {
      if (readiness === 'encode') {
        await normalizeClip({ ...media, ...target, input: clip.path, output: out, cues, font, task: task('normalising'), probe, sound })
        normalized++
        return
      }
      if (readiness === 'rewrap') await rewrapClip({ ...media, ...target, input: clip.path, output: out, task: task('rewrapping'), sound })
      else await copyFile(clip.path, out)
      reused++
    }
    if (memo && clip.sha256) {
      // Keyed by what the clip is, not where it is: a warm rerun neither probes nor encodes.
      const made = await limit(() => memo.file(key, 'video/mp4', async (out) => write(out, await inspect())))
      return { path: made.path, seconds: exact, sha256: made.sha256 }
    }
    return limit(async () => {
      const inspected = await inspect()
      if (inspected.readiness === 'ready') {
        reused++
        return { path: clip.path, seconds: exact }
      }
      const out = path.join(options.workDir, `clip-${key.slice(3, 19)}.mp4`)
      await write(out, inspected)
      return { path: out, seconds: exact }
    })
  }

  const prepare = (clip: FilmClip): Promise<PreparedClip> => {
    const cues = options.burnSubtitles ? clip.cues : []
    // Without the clips' sound the clip is another file; with it, the key it always had.
    const key = memoKey({ op: 'normalize', mark: EDIT_MARK, clip: clip.sha256 ?? path.resolve(clip.path), width, height, fps, seconds: clip.seconds, cues, ...(!sound && { sound: false }) })
    let made = started.get(key)
    if (made === undefined) {
      made = make(clip, key)
      started.set(key, made)
    }
    return made
  }

  return {
    prepare,
    prefetch(clip) {
      // Handled here so an early failure is not an unhandled rejection; `prepare` rethrows it.
      prepare(clip).catch(() => undefined)
    },
    counts: () => ({ normalized, reused }),
    async settled() {
      await Promise.allSettled([...started.values()])
    },
  }
}

/** Runs at most `n` tasks at once, in the order they were asked for. */
function createLimit(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  const waiting: (() => void)[] = []
  let running = 0
  const max = Math.max(1, Math.floor(n) || 1)
  return async (task) => {
    // A finishing task hands its slot straight to the next, so no newcomer can slip in between.
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve))
    else running++
    try {
      return await task()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else running--
    }
  }
}

export function memoKey(what: Record<string, unknown>): string {
  return `v2:${createHash('sha256').update(JSON.stringify(what)).digest('hex')}`
}
