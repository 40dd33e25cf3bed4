import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { AUDIO_SAMPLE_RATE, editClipOutputArgs, frameCount } from './clip-format.js'
import type { ClipTarget } from './normalize-clip.js'
import { runFfmpeg, type MediaOptions } from './run-ffmpeg.js'
import { writeAtomically } from './temp-file.js'

export interface RewrapInput extends MediaOptions, ClipTarget {
  /** A clip already in the clip format (clipReadiness says `rewrap`). */
  readonly input: string
  readonly output: string
  readonly task: string
  /** False: the clip's sound is replaced by silence of the same length (generate_audio off). @default true */
  readonly sound?: boolean
}

/**
 * A clip in the clip format made ready for the join without touching its picture: the video is
 * copied, the AAC sound decoded, cut to the exact sample count (dropping the encoder's padding)
 * and stored as FLAC. A few tens of milliseconds where a re-encode takes seconds.
 */
export async function rewrapClip(options: RewrapInput): Promise<void> {
  const samples = Math.round((frameCount(options.seconds, options.fps) / options.fps) * AUDIO_SAMPLE_RATE)
  await mkdir(path.dirname(options.output), { recursive: true })
  const silent = options.sound === false
  await writeAtomically(options.output, (temp) =>
    runFfmpeg(
      [
        '-i', options.input, ...(silent ? ['-f', 'lavfi', '-i', `anullsrc=r=${AUDIO_SAMPLE_RATE}:cl=stereo`] : []),
        '-map', '0:v:0', '-map', silent ? '1:a:0' : '0:a:0', '-c:v', 'copy',
        '-af', `asetpts=PTS-STARTPTS,apad,atrim=end_sample=${samples}`,
        ...editClipOutputArgs([]), temp,
      ],
      { signal: options.signal, env: options.env, task: options.task },
    ),
  )
}
