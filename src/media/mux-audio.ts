import { BITEXACT_ARGS, MP4_OUTPUT_ARGS } from './clip-format.js'
import { runFfmpeg, type MediaOptions } from './run-ffmpeg.js'
import { writeAtomically } from './temp-file.js'

export interface MuxInput extends MediaOptions {
  /** The joined film; its video is copied as it is and any sound of its own is left out. */
  readonly video: string
  /** The soundtrack already encoded for the film (AAC in MP4, see encode-track.ts); copied as it is. */
  readonly audio: string
  readonly output: string
  /** The film's length: neither stream runs past it. */
  readonly durationS: number
}

/**
 * Puts the soundtrack under the picture. Both streams are copied, never encoded again, so a film
 * whose picture changed but whose sound did not costs one pass over the file; the command has two
 * inputs whatever the number of shots. Same inputs, same bytes.
 */
export async function muxAudio(input: MuxInput): Promise<void> {
  const media = { ...(input.signal && { signal: input.signal }), ...(input.env && { env: input.env }) }
  await writeAtomically(input.output, (temp) =>
    runFfmpeg(
      [
        '-i', input.video, '-i', input.audio,
        '-map', '0:v:0', '-map', '1:a:0', '-c', 'copy',
        '-t', input.durationS.toFixed(6), ...BITEXACT_ARGS, ...MP4_OUTPUT_ARGS, temp,
      ],
      { ...media, task: `putting the soundtrack under ${input.video}` },
    ),
  )
}
