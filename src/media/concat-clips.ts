import { rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { MediaError } from '../errors.js'
import { AUDIO_ENCODE_ARGS, BITEXACT_ARGS, MP4_OUTPUT_ARGS } from './clip-format.js'
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
 * Joins clips end to end in one ffmpeg process whose arguments never grow with the film: the
 * clips are named in a list file and read one after another by the concat demuxer, so time and
 * memory grow linearly with the film, not with the number of open inputs. Video is stream-copied
 * (no re-encode: fast, lossless), which only works because every clip shares codecs and H.264
 * headers. Sound is decoded and encoded to AAC once for the whole film: clips made for the join
 * carry FLAC (see EDIT_MARK), which decodes to exactly its samples, so every cut lands on its
 * sample. For other clips (AAC), `aresample` keeps the sound on the timestamps the list gives.
 * Same inputs, byte-identical output.
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
  const total = clips.reduce((sum, clip) => sum + clip.seconds, 0)
  await writeAtomically(options.output, async (temp) => {
    const list = `${temp}.txt`
    await writeFile(list, concatList(clips))
    try {
      await runFfmpeg(
        [
          // -copyts: otherwise ffmpeg shifts the picture by the first clip's AAC priming, if any.
          '-copyts', '-f', 'concat', '-safe', '0', '-i', list,
          '-map', '0:v:0', '-map', '0:a:0', '-c:v', 'copy',
          // A no-op on exact (FLAC) sound; on padded AAC it drops what overlaps the next clip.
          '-af', 'aresample=async=1:min_hard_comp=0.001:first_pts=0', ...AUDIO_ENCODE_ARGS,
          '-t', total.toFixed(6), ...BITEXACT_ARGS, ...MP4_OUTPUT_ARGS, temp,
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
