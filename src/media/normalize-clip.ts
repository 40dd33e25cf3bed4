import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { MediaError } from '../errors.js'
import { filterPath, renderAss } from './ass-subtitles.js'
import { AUDIO_CHANNELS, AUDIO_SAMPLE_RATE, CLIP_MARK, EDIT_MARK, editClipOutputArgs, frameCount, silenceFilter, videoEncodeArgs, type ClipFormat } from './clip-format.js'
import type { BurnFont } from './fonts/subtitle-fonts.js'
import { probeMedia, type ProbeResult } from './probe.js'
import { runFfmpeg, type MediaOptions } from './run-ffmpeg.js'
import type { Cue } from './subtitles.js'
import { writeAtomically } from './temp-file.js'

export interface ClipTarget extends ClipFormat {
  readonly seconds: number
}

export interface NormalizeInput extends MediaOptions, ClipTarget {
  readonly input: string
  readonly output: string
  /** Burned in with libass; times relative to the clip's start. */
  readonly cues?: readonly Cue[]
  /** The font the cues are drawn with (see subtitle-fonts.ts); without it, libass's own fallback. */
  readonly font?: BurnFont | undefined
  /** Named in errors: "normalising clip shot 1.2". */
  readonly task: string
  /** The input's probe when the caller already has it, to save an ffprobe run. */
  readonly probe?: ProbeResult
  /** False: the clip's own sound is replaced by silence (generate_audio off). @default true */
  readonly sound?: boolean
}

/**
 * One input file → one clip ready for the join (see EDIT_MARK): exact size (fit and pad, aspect
 * kept), frame rate, length (trimmed, or the last frame held) and audio (silence when the input
 * has none). A pure function of its arguments, so a caller can cache outputs by input digest.
 */
export async function normalizeClip(options: NormalizeInput): Promise<void> {
  const { width, height, fps, seconds, task } = options
  const media = { signal: options.signal, env: options.env }
  const probe = options.probe ?? (await probeMedia(options.input, media))
  if (!probe.video) {
    throw new MediaError(`${options.input} has no video stream (${task})`, {
      code: 'E_MEDIA_NO_VIDEO',
      hint: 'the provider returned something that is not a video; reroll the shot',
    })
  }
  const frames = frameCount(seconds, fps)
  const cues = (options.cues ?? []).filter((cue) => cue.end > cue.start && cue.text.trim() !== '')
  await mkdir(path.dirname(options.output), { recursive: true })
  const captionDir = cues.length > 0 ? await mkdtemp(path.join(path.dirname(options.output), '.captions-')) : undefined
  try {
    let subtitles = ''
    if (cues.length > 0) {
      // One .ass file per clip, named in the graph: the graph stays short however many cues there are.
      const file = path.join(captionDir!, 'cues.ass')
      await writeFile(file, renderAss(cues, { width, height, fontFamily: options.font?.family ?? 'sans-serif' }))
      const fontsDir = options.font ? `:fontsdir=${filterPath(options.font.fontsDir)}` : ''
      subtitles = `[base]subtitles=filename=${filterPath(file)}${fontsDir}[captioned]`
    }
    const video =
      `[0:v]setpts=PTS-STARTPTS,scale=w=${width}:h=${height}:force_original_aspect_ratio=decrease,` +
      `pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,fps=${fps},` +
      // Hold the last frame for up to a whole clip's length, then cut at the exact frame count.
      `tpad=stop_mode=clone:stop_duration=${seconds},trim=end_frame=${frames}[base]`
    const samples = Math.round((frames / fps) * AUDIO_SAMPLE_RATE)
    const audio = probe.audio && options.sound !== false
      ? `[0:a]asetpts=PTS-STARTPTS,aresample=${AUDIO_SAMPLE_RATE},` +
        `aformat=sample_fmts=fltp:channel_layouts=stereo,apad,atrim=end_sample=${samples}[a]`
      : silenceFilter(frames, fps, 'a')
    const finalVideo = cues.length > 0 ? 'captioned' : 'base'
    const graph = [video, ...(subtitles ? [subtitles] : []), `[${finalVideo}]format=yuv420p[v]`, audio].join(';')
    await writeAtomically(options.output, (temp) =>
      runFfmpeg(
        [
          '-i', options.input,
          '-filter_complex', graph, '-map', '[v]', '-map', '[a]',
          ...editClipOutputArgs(videoEncodeArgs(fps)), temp,
        ],
        { ...media, task },
      ),
    )
  } finally {
    if (captionDir) await rm(captionDir, { recursive: true, force: true })
  }
}

/**
 * What a clip needs before the join. `ready`: already made for it (our EDIT_MARK, so its H.264
 * headers match; FLAC sound; size, rate and length right). `rewrap`: the clip format exactly
 * (CLIP_MARK, as the animatic renders it) but with AAC sound, so only the sound is re-encoded,
 * the picture copied. `encode`: anything else.
 */
export type ClipReadiness = 'ready' | 'rewrap' | 'encode'

export function clipReadiness(probe: ProbeResult, target: ClipTarget): ClipReadiness {
  const { video, audio } = probe
  const picture =
    video !== undefined &&
    video.codec === 'h264' &&
    video.width === target.width &&
    video.height === target.height &&
    video.pixelFormat === 'yuv420p' &&
    Math.abs(video.fps - target.fps) < 0.001 &&
    audio !== undefined &&
    audio.sampleRate === AUDIO_SAMPLE_RATE &&
    audio.channels === AUDIO_CHANNELS &&
    Math.abs(probe.durationSeconds - target.seconds) <= 0.5 / target.fps
  if (!picture) return 'encode'
  if (probe.tags.comment === EDIT_MARK && audio.codec === 'flac') return 'ready'
  if (probe.tags.comment === CLIP_MARK && audio.codec === 'aac') return 'rewrap'
  return 'encode'
}

/** False when a clip is already exactly what normalizeClip would make: the editor joins it as is. */
export function needsNormalizing(probe: ProbeResult, target: ClipTarget): boolean {
  return clipReadiness(probe, target) !== 'ready'
}
