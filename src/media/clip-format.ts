/**
 * The one format every clip of a film is brought to, so the editor can join them with stream copy.
 * Stream copy only works when every clip's H.264 parameter sets match the first one's (an MP4
 * stores them once), so the animatic renderer and the normaliser share these exact settings, and
 * x264's `stitchable` keeps its headers independent of the content.
 */
export interface ClipFormat {
  readonly width: number
  readonly height: number
  readonly fps: number
}

export const AUDIO_SAMPLE_RATE = 48_000
export const AUDIO_CHANNELS = 2

/**
 * Written into the container's comment tag. A clip from elsewhere may match size and codecs and
 * still carry different H.264 headers, so only clips with this mark may skip normalising. Bump it
 * whenever the settings below change.
 */
export const CLIP_MARK = 'vimax-clip-1'

/** x264's output depends on its thread count; a fixed count keeps renders byte-identical. */
const X264_THREADS = '2'

export function videoEncodeArgs(fps: number): string[] {
  return [
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-profile:v', 'high', '-pix_fmt', 'yuv420p',
    '-x264-params', 'stitchable=1', '-threads', X264_THREADS, '-r', String(fps),
  ]
}

export const AUDIO_ENCODE_ARGS: readonly string[] = [
  '-c:a', 'aac', '-b:a', '128k', '-ar', String(AUDIO_SAMPLE_RATE), '-ac', String(AUDIO_CHANNELS),
]

/** No timestamps, encoder versions or copied metadata: equal inputs give equal bytes. */
export const BITEXACT_ARGS: readonly string[] = [
  '-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact', '-map_metadata', '-1', '-map_chapters', '-1',
]

/** Index at the front so report.html can start playing before the whole file has loaded. */
export const MP4_OUTPUT_ARGS: readonly string[] = ['-movflags', '+faststart', '-f', 'mp4']

export function clipOutputArgs(fps: number): string[] {
  return [...videoEncodeArgs(fps), ...AUDIO_ENCODE_ARGS, ...BITEXACT_ARGS, '-metadata', `comment=${CLIP_MARK}`, ...MP4_OUTPUT_ARGS]
}

/**
 * Marks a clip made for the join (normalizeClip, rewrapClip): the clip format's video, but its
 * sound as FLAC. AAC pads every clip to whole 1024-sample frames and primes each with silence,
 * so AAC clips joined end to end drift or glitch at every cut; FLAC decodes to exactly the samples
 * put in, so the concat demuxer can join thousands of them in one process, sample-exact, and the
 * film's sound is encoded to AAC once. Bump it whenever these settings change.
 */
export const EDIT_MARK = 'vimax-edit-1'

/** Lossless and exact-length; in MP4 it is still flagged experimental by older ffmpeg builds. */
export const EDIT_AUDIO_ARGS: readonly string[] = [
  '-c:a', 'flac', '-strict', '-2', '-ar', String(AUDIO_SAMPLE_RATE), '-ac', String(AUDIO_CHANNELS),
]

/** A clip ready for the join: the clip format's video, FLAC sound, EDIT_MARK. */
export function editClipOutputArgs(videoArgs: readonly string[]): string[] {
  return [...videoArgs, ...EDIT_AUDIO_ARGS, ...BITEXACT_ARGS, '-metadata', `comment=${EDIT_MARK}`, ...MP4_OUTPUT_ARGS]
}

/** Frames in a clip of `seconds`: what both renderers produce, at least one. */
export function frameCount(seconds: number, fps: number): number {
  return Math.max(1, Math.round(seconds * fps))
}

/** Silent stereo of exactly the video's length, as a filtergraph source (no extra input). */
export function silenceFilter(frames: number, fps: number, label: string): string {
  const samples = Math.round((frames / fps) * AUDIO_SAMPLE_RATE)
  return `anullsrc=r=${AUDIO_SAMPLE_RATE}:cl=stereo,atrim=end_sample=${samples}[${label}]`
}
