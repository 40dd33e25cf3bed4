import type { LoudnormMeasurement } from './measure-loudness.js'

export interface LoudnessTarget {
  /** Integrated loudness, LUFS. @default -14 */
  readonly integrated: number
  /** True peak ceiling, dBTP. @default -1 */
  readonly truePeak: number
}

/** Input 0 is always dialogue; music and ambience follow when present, in that order. */
export interface MixGraphInput {
  readonly dialogueGainDb: number
  readonly musicGainDb?: number
  readonly ambienceGainDb?: number
  /**
   * Gain on the sum, then a sample-peak ceiling (dBFS). Speech peaks far above its loudness: one
   * gain to -14 LUFS would break the true-peak limit, and loudnorm would fall back to its dynamic
   * mode, which misses the target on short films. Gained and limited first, the sum needs only a
   * small linear correction.
   */
  readonly preGainDb?: number
  readonly ceilingDb?: number
}

/** How hard music and ambience give way to speech. */
export const DUCKING = { threshold: 0.015, ratio: 10, attackMs: 20, releaseMs: 400 } as const
const STEREO = 'aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo'
/** Loose enough that a normal mix stays linear (one gain), as the stems assume. */
const TARGET_LRA = 15
/** Resampling loudnorm's 192 kHz output back to 48 kHz can lift the true peak a little. */
export const TRUE_PEAK_MARGIN_DB = 0.3

const db = (value: number) => `${value.toFixed(2)}dB`

/**
 * The shared front of both passes: level each stem, duck music and ambience under dialogue with
 * a sidechain compressor, and sum them without amix's division by the number of inputs (the npm
 * ffmpeg 4.1 has no normalize=0), as amerge + pan. Labels [d], [m], [a] are the processed
 * stems; [mix] is their sum.
 */
function front(input: MixGraphInput, split: boolean): string[] {
  const hasMusic = input.musicGainDb !== undefined
  const hasAmbience = input.ambienceGainDb !== undefined
  const sidechains = (hasMusic ? 1 : 0) + (hasAmbience ? 1 : 0)
  const copies = 1 + sidechains + (split ? 1 : 0)
  const dialogueOuts = ['[dsum]', ...(hasMusic ? ['[dscm]'] : []), ...(hasAmbience ? ['[dsca]'] : []), ...(split ? ['[d]'] : [])]
  const lines = [`[0:a]volume=${db(input.dialogueGainDb)},${STEREO}${copies > 1 ? `,asplit=${copies}` : ''}${dialogueOuts.join('')}`]
  const duck = `sidechaincompress=threshold=${DUCKING.threshold}:ratio=${DUCKING.ratio}:attack=${DUCKING.attackMs}:release=${DUCKING.releaseMs}`
  const sums = ['[dsum]']
  let index = 1
  for (const [present, gain, tag] of [[hasMusic, input.musicGainDb, 'm'], [hasAmbience, input.ambienceGainDb, 'a']] as const) {
    if (!present) continue
    const outs = split ? `,asplit=2[${tag}sum][${tag}]` : `[${tag}sum]`
    lines.push(`[${index++}:a]volume=${db(gain ?? 0)},${STEREO}[${tag}in]`, `[${tag}in][dsc${tag}]${duck}${outs}`)
    sums.push(`[${tag}sum]`)
  }
  if (sums.length === 1) lines.push(`[dsum]anull[sum]`)
  else {
    const left = sums.map((_, i) => `c${2 * i}`).join('+')
    const right = sums.map((_, i) => `c${2 * i + 1}`).join('+')
    lines.push(`${sums.join('')}amerge=inputs=${sums.length},pan=stereo|c0=${left}|c1=${right}[sum]`)
  }
  // level=0: alimiter's default auto-level would change the loudness pass one measured.
  lines.push(
    input.ceilingDb === undefined
      ? '[sum]anull[mix]'
      : `[sum]volume=${db(input.preGainDb ?? 0)},alimiter=limit=${(10 ** (input.ceilingDb / 20)).toFixed(4)}:attack=5:release=50:level=0[mix]`,
  )
  return lines
}

function loudnorm(target: LoudnessTarget): string {
  return `loudnorm=I=${target.integrated}:TP=${(target.truePeak - TRUE_PEAK_MARGIN_DB).toFixed(2)}:LRA=${TARGET_LRA}`
}

/** Pass one: the mix through loudnorm's meter; output [out] goes to the null muxer. */
export function measureGraph(input: MixGraphInput, target: LoudnessTarget): string {
  return [...front(input, false), `[mix]${loudnorm(target)}:print_format=json[out]`].join(';\n') + '\n'
}

/**
 * Pass two: the final track [out] from loudnorm in linear mode with pass one's figures, and the
 * stems [sd], [sm], [sa] with the same gain, so the stems sum to the final track.
 */
export function renderGraph(input: MixGraphInput, target: LoudnessTarget, measured: LoudnormMeasurement | undefined): string {
  // Silence has no loudness to correct: it passes through untouched.
  const gain = (input.preGainDb ?? 0) + (measured === undefined ? 0 : target.integrated - Number(measured.input_i))
  const stems = ['d', ...(input.musicGainDb !== undefined ? ['m'] : []), ...(input.ambienceGainDb !== undefined ? ['a'] : [])]
  const final =
    measured === undefined
      ? '[mix]anull[out]'
      : `[mix]${loudnorm(target)}:measured_I=${measured.input_i}:measured_TP=${measured.input_tp}:measured_LRA=${measured.input_lra}` +
    `:measured_thresh=${measured.input_thresh}:offset=${measured.target_offset}:linear=true:print_format=json,aresample=48000[out]`
  return [...front(input, true), ...stems.map((tag) => `[${tag}]volume=${db(gain)}[s${tag}]`), final].join(';\n') + '\n'
}
