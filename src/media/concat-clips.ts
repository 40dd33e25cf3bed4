import { rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { MediaError } from '../errors.js'
import { AUDIO_ENCODE_ARGS, AUDIO_SAMPLE_RATE, BITEXACT_ARGS, MP4_OUTPUT_ARGS } from './clip-format.js'
import { mapBounded } from './map-bounded.js'
import { probeMedia } from './probe.js'
import { runFfmpeg, type MediaOptions } from './run-ffmpeg.js'
import { writeAtomically } from './temp-file.js'

/** A clip and its exact length (frames / fps); a bare path is probed for it. */
export type ConcatClip = string | { readonly path: string; readonly seconds: number }

export interface ConcatInput extends MediaOptions {
  /** Clips already in one clip format (see clip-format.ts), in film order. */
  readonly inputs: readonly ConcatClip[]
  readonly output: string
  readonly task?: string
}

/**
 * Joins clips end to end. Video is stream-copied through the concat demuxer (no re-encode: fast,
 * lossless), which only works because every clip shares codecs and H.264 headers. Audio is
 * decoded, cut to each clip's exact length and re-encoded: stream-copied AAC carries ~21 ms of
 * encoder priming per clip, which would drift the sound against the picture cut after cut.
 * Re-encoding silence or dialogue costs a few milliseconds. Same inputs, byte-identical output.
 */
export async function concatClips(options: ConcatInput): Promise<void> {
  const task = options.task ?? `joining ${options.inputs.length} clips into ${options.output}`
  if (options.inputs.length === 0) {
    throw new MediaError(`no clips to join into ${options.output}`, {
      code: 'E_MEDIA_NO_CLIPS',
      hint: 'the film has no shots; check the storyboard',
    })
  }
  const media = { signal: options.signal, env: options.env }
  const clips = await mapBounded(options.inputs, 4, async (clip) =>
    typeof clip === 'string' ? { path: clip, seconds: (await probeMedia(clip, media)).durationSeconds } : clip,
  )
  const audio = clips.map((clip, i) => {
    const samples = Math.round(clip.seconds * AUDIO_SAMPLE_RATE)
    return `[${i + 1}:a]atrim=end_sample=${samples},asetpts=PTS-STARTPTS[a${i}]`
  })
  const graph = `${audio.join(';')};${clips.map((_, i) => `[a${i}]`).join('')}concat=n=${clips.length}:v=0:a=1[a]`
  await writeAtomically(options.output, async (temp) => {
    const list = `${temp}.txt`
    await writeFile(list, concatList(clips))
    try {
      await runFfmpeg(
        [
          // -copyts: otherwise ffmpeg shifts the whole input by the first clip's audio priming.
          '-copyts', '-f', 'concat', '-safe', '0', '-i', list,
          ...clips.flatMap((clip) => ['-i', clip.path]),
          '-filter_complex', graph, '-map', '0:v', '-map', '[a]', '-c:v', 'copy', ...AUDIO_ENCODE_ARGS,
          ...BITEXACT_ARGS, ...MP4_OUTPUT_ARGS, temp,
        ],
        { ...media, task },
      )
    } finally {
      await rm(list, { force: true })
    }
  })
}

/**
 * The concat demuxer's list. Each clip's `duration` places the next one exactly, instead of
 * trusting container durations that include audio padding. Quotes are escaped its way.
 */
export function concatList(clips: readonly { readonly path: string; readonly seconds: number }[]): string {
  return clips
    .map((clip) => `file '${path.resolve(clip.path).replace(/'/g, `'\\''`)}'\nduration ${clip.seconds.toFixed(6)}\n`)
    .join('')
}
