import { MediaError } from '../errors.js'
import { runFfprobe, type MediaOptions } from './run-ffmpeg.js'

export interface VideoStreamInfo {
  readonly codec: string
  /** "High", "Constrained Baseline", …; clips encoded differently cannot be joined by stream copy. */
  readonly profile: string | undefined
  readonly width: number
  readonly height: number
  readonly fps: number
  readonly pixelFormat: string
}

export interface AudioStreamInfo {
  readonly codec: string
  readonly sampleRate: number
  readonly channels: number
}

export interface ProbeResult {
  readonly durationSeconds: number
  readonly video?: VideoStreamInfo
  readonly audio?: AudioStreamInfo
  /** Container tags (lower-cased keys); vimax marks its own encodes with one. */
  readonly tags: { readonly [key: string]: string }
}

export interface RawStream {
  codec_type?: string
  codec_name?: string
  profile?: string
  width?: number
  height?: number
  avg_frame_rate?: string
  r_frame_rate?: string
  pix_fmt?: string
  sample_rate?: string
  channels?: number
  duration?: string
}

export interface RawProbe {
  streams?: RawStream[]
  format?: { duration?: string; tags?: Record<string, string> }
}

export async function probeMedia(file: string, options: MediaOptions = {}): Promise<ProbeResult> {
  const task = `probing ${file}`
  const { stdout } = await runFfprobe(['-print_format', 'json', '-show_streams', '-show_format', file], {
    ...options,
    task,
  })
  let raw: RawProbe
  try {
    raw = JSON.parse(stdout) as RawProbe
  } catch (cause) {
    throw new MediaError(`ffprobe printed something that is not JSON while ${task}`, {
      code: 'E_FFPROBE_FAILED',
      hint: 'set VIMAX_FFPROBE to a working ffprobe',
      cause,
    })
  }
  return parseProbe(raw)
}

/** Pure, so the mapping can be tested on stored ffprobe output. */
export function parseProbe(raw: RawProbe): ProbeResult {
  const streams = raw.streams ?? []
  const v = streams.find((s) => s.codec_type === 'video')
  const a = streams.find((s) => s.codec_type === 'audio')
  const video: VideoStreamInfo | undefined = v && {
    codec: v.codec_name ?? 'unknown',
    profile: v.profile,
    width: v.width ?? 0,
    height: v.height ?? 0,
    fps: parseRate(v.avg_frame_rate) || parseRate(v.r_frame_rate),
    pixelFormat: v.pix_fmt ?? 'unknown',
  }
  const audio: AudioStreamInfo | undefined = a && {
    codec: a.codec_name ?? 'unknown',
    sampleRate: Number(a.sample_rate ?? 0),
    channels: a.channels ?? 0,
  }
  const tags: Record<string, string> = {}
  for (const [key, value] of Object.entries(raw.format?.tags ?? {})) tags[key.toLowerCase()] = value
  const streamDurations = streams.map((s) => Number(s.duration ?? NaN)).filter(Number.isFinite)
  const durationSeconds = Number(raw.format?.duration ?? NaN)
  return {
    durationSeconds: Number.isFinite(durationSeconds) ? durationSeconds : Math.max(0, ...streamDurations),
    ...(video && { video }),
    ...(audio && { audio }),
    tags,
  }
}

/** "24000/1001" → 23.976…; "0/0" (unknown) → 0. */
function parseRate(rate: string | undefined): number {
  if (rate === undefined) return 0
  const [num, den] = rate.split('/').map(Number)
  if (num === undefined || !Number.isFinite(num)) return 0
  if (den === undefined) return num
  return den > 0 ? num / den : 0
}
