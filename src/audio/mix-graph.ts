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
}

/**
 * One gain on the sum, then, when that gain would break the true-peak limit, a limiter holding
 * sample peaks at `ceilingDb` (dBFS). Speech peaks far above its loudness, so a film at -14 LUFS
 * usually needs the limiter; its small loss of loudness is measured and made up in the gain.
 */
export interface MixGain {
  readonly gainDb: number
  readonly ceilingDb?: number
}

/** How hard music and ambience give way to speech. */
export const DUCKING = { threshold: 0.015, ratio: 10, attackMs: 20, releaseMs: 400 } as const
const STEREO = 'aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo'
/** The AAC encode of the film can lift the true peak a little over the mix's. */
export const TRUE_PEAK_MARGIN_DB = 0.3
/** The meter with its true peak; framelog=verbose keeps its ten lines a second out of the info log. */
export const METER = 'ebur128=peak=true:framelog=verbose'
const TRIAL_METER = 'ebur128=framelog=verbose'

const db = (value: number) => `${value.toFixed(2)}dB`

/**
 * The shared front of every pass: level each stem, duck music and ambience under dialogue with a
 * sidechain compressor, and sum them without amix's division by the number of inputs (the npm
 * ffmpeg 4.1 has no normalize=0), as amerge + pan. Labels [d], [m], [a] are the processed stems
 * (with `split`); [sum] is their sum.
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
  return lines
}

/** level=0: alimiter's default auto-level would undo the gain the passes measured. */
function gainChain(gain: MixGain): string {
  const limiter = gain.ceilingDb === undefined ? '' : `,alimiter=limit=${(10 ** (gain.ceilingDb / 20)).toFixed(4)}:attack=5:release=50:level=0`
  return `volume=${db(gain.gainDb)}${limiter}`
}

/** Pass one: the sum through the EBU R128 meter (flat memory at any length); [out] goes to the null muxer. */
export function measureGraph(input: MixGraphInput): string {
  return [...front(input, false), `[sum]${METER}[out]`].join(';\n') + '\n'
}

/**
 * When the limiter is needed: the sum gained by each of `gainsDb` and limited, each through its
 * own meter (printed in this order), so one pass shows how much loudness the limiter takes at
 * every gain. [out] (the first) goes to the null muxer, the rest to sinks.
 */
export function trialGraph(input: MixGraphInput, gainsDb: readonly number[], ceilingDb: number): string {
  const labels = gainsDb.map((_, i) => `[t${i}]`)
  const trials = gainsDb.map((gainDb, i) => `${labels[i]}${gainChain({ gainDb, ceilingDb })},${TRIAL_METER}${i === 0 ? '[out]' : ',anullsink'}`)
  return [...front(input, false), `[sum]asplit=${gainsDb.length}${labels.join('')}`, ...trials].join(';\n') + '\n'
}

/**
 * The final pass: the track [out] (gained, limited when needed, and metered on its way out) and
 * the stems [sd], [sm], [sa] with the same gain, so the stems sum to the track before the limiter.
 */
export function renderGraph(input: MixGraphInput, gain: MixGain): string {
  const stems = ['d', ...(input.musicGainDb !== undefined ? ['m'] : []), ...(input.ambienceGainDb !== undefined ? ['a'] : [])]
  return [...front(input, true), ...stems.map((tag) => `[${tag}]volume=${db(gain.gainDb)}[s${tag}]`), `[sum]${gainChain(gain)},${METER}[out]`].join(';\n') + '\n'
}
