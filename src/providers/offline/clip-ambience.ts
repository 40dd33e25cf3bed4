import path from 'node:path'
import { AUDIO_ENCODE_ARGS, AUDIO_SAMPLE_RATE, BITEXACT_ARGS, CLIP_MARK, MP4_OUTPUT_ARGS, frameCount } from '../../media/clip-format.js'
import { runFfmpeg, type MediaOptions } from '../../media/run-ffmpeg.js'
import { writeAtomically } from '../../media/temp-file.js'

export interface ClipAmbienceInput extends MediaOptions {
  /** An animatic in the film's clip format (its audio is silence). */
  readonly clip: string
  readonly seconds: number
  readonly fps: number
  /** The shot's seed: the same shot always sounds the same, another shot differently. */
  readonly seed: number
  readonly workDir: string
}

/**
 * What a video model that makes sound gives back, made offline: the animatic with its silence
 * replaced by a quiet room tone — brown or pink noise, filtered and slowly swelling by the seed —
 * so the ambience path (stems, ducking, loudness) runs with no keys. The picture is copied, and
 * the clip keeps the film's format and mark, so the editor still joins it without an encode.
 */
export async function addClipAmbience(input: ClipAmbienceInput): Promise<string> {
  const seed = Math.abs(Math.trunc(input.seed)) % 2 ** 31
  const out = path.join(input.workDir, `${path.basename(input.clip, '.mp4')}-ambience-${seed.toString(36)}.mp4`)
  const samples = Math.round((frameCount(input.seconds, input.fps) / input.fps) * AUDIO_SAMPLE_RATE)
  const color = seed % 2 === 0 ? 'brown' : 'pink'
  const lowpassHz = 250 + (seed % 9) * 150
  const swellHz = (0.2 + (seed % 5) * 0.15).toFixed(2)
  const tone =
    `anoisesrc=color=${color}:seed=${seed}:amplitude=0.5:sample_rate=${AUDIO_SAMPLE_RATE},` +
    `highpass=f=60,lowpass=f=${lowpassHz},tremolo=f=${swellHz}:d=0.4,volume=-18dB,` +
    `aformat=channel_layouts=stereo,atrim=end_sample=${samples}[a]`
  await writeAtomically(out, (temp) =>
    runFfmpeg(
      [
        '-i', input.clip, '-filter_complex', tone, '-map', '0:v:0', '-map', '[a]', '-c:v', 'copy',
        ...AUDIO_ENCODE_ARGS, ...BITEXACT_ARGS, '-metadata', `comment=${CLIP_MARK}`, ...MP4_OUTPUT_ARGS, temp,
      ],
      { task: `adding the sound of ${input.clip}`, ...(input.signal && { signal: input.signal }), ...(input.env && { env: input.env }) },
    ),
  )
  return out
}
