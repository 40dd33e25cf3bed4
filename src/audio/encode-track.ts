import { AUDIO_ENCODE_ARGS, BITEXACT_ARGS, MP4_OUTPUT_ARGS } from '../media/clip-format.js'
import { runFfmpeg, type MediaOptions } from '../media/run-ffmpeg.js'
import { writeAtomically } from '../media/temp-file.js'
import { INFO_LOG, parseEbur128, type Loudness } from './measure-loudness.js'
import type { LoudnessTarget } from './mix-graph.js'

export interface EncodeTrackRequest extends MediaOptions {
  /** The mixed soundtrack (WAV), already at the target. */
  readonly wav: string
  /** AAC in an MP4 container: what the film carries, so the mux only copies it. */
  readonly out: string
  readonly durationS: number
  readonly target: LoudnessTarget
}

/** Off by more than this after the encode (LU), the track is encoded once more with the miss made up. */
export const ENCODE_TOLERANCE_LU = 0.1
/** The meter's floor: a silent track is left as it is. */
const SILENT_LUFS = -69

/**
 * The soundtrack as the film will carry it, metered after the encode: AAC takes a few tenths of
 * an LU from a noise-like bed, so a miss past the tolerance is made up by one more encode with
 * that gain — unless the gain would push the true peak past the target's limit, where the
 * quieter track is the better film. Returns the encoded track's own loudness.
 */
export async function encodeTrack(request: EncodeTrackRequest): Promise<Loudness> {
  const media = { ...(request.signal && { signal: request.signal }), ...(request.env && { env: request.env }) }
  const encode = async (gainDb: number) => {
    await writeAtomically(request.out, (temp) =>
      runFfmpeg(
        [
          '-i', request.wav, '-map', '0:a:0', ...(gainDb === 0 ? ['-af', 'apad'] : ['-af', `volume=${gainDb.toFixed(3)}dB,apad`]),
          ...AUDIO_ENCODE_ARGS, '-t', request.durationS.toFixed(6), ...BITEXACT_ARGS, ...MP4_OUTPUT_ARGS, temp,
        ],
        { ...media, task: `encoding the soundtrack ${request.wav}` },
      ),
    )
    const { stderr } = await runFfmpeg([...INFO_LOG, '-i', request.out, '-map', '0:a:0', '-af', 'ebur128=peak=true', '-f', 'null', '-'], {
      ...media,
      task: `measuring the encoded soundtrack ${request.out}`,
    })
    return parseEbur128(stderr, request.out)
  }
  const first = await encode(0)
  const miss = request.target.integrated - first.integratedLufs
  const roomDb = request.target.truePeak - first.truePeakDb
  if (!(first.integratedLufs > SILENT_LUFS) || Math.abs(miss) <= ENCODE_TOLERANCE_LU || miss > roomDb) return first
  return encode(miss)
}
