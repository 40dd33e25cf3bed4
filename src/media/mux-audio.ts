import { AUDIO_ENCODE_ARGS, BITEXACT_ARGS, MP4_OUTPUT_ARGS } from './clip-format.js'
import { runFfmpeg, type MediaOptions } from './run-ffmpeg.js'
import { writeAtomically } from './temp-file.js'

export interface MuxInput extends MediaOptions {
  /** The joined film; its video is copied as it is. */
  readonly video: string
  /** The mixed soundtrack (any audio ffmpeg reads). */
  readonly audio: string
  readonly output: string
  /** The film's length: the soundtrack is cut (or padded) to it. */
  readonly durationS: number
}

/**
 * Puts the soundtrack under the picture. The video is stream-copied, never encoded again, and the
 * command has two inputs whatever the number of shots. Same inputs, same bytes.
 */
export async function muxAudio(input: MuxInput): Promise<void> {
  const media = { ...(input.signal && { signal: input.signal }), ...(input.env && { env: input.env }) }
  await writeAtomically(input.output, (temp) =>
    runFfmpeg(
      [
        '-i', input.video, '-i', input.audio,
        '-map', '0:v:0', '-map', '1:a:0', '-c:v', 'copy', '-af', 'apad', ...AUDIO_ENCODE_ARGS,
        '-t', input.durationS.toFixed(6), ...BITEXACT_ARGS, ...MP4_OUTPUT_ARGS, temp,
      ],
      { ...media, task: `putting the soundtrack under ${input.video}` },
    ),
  )
}
