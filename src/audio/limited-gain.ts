import { parseEbur128Summaries } from './measure-loudness.js'
import { trialGraph, type MixGraphInput } from './mix-graph.js'

/** Gains tried above the linear one, dB: the limiter takes more loudness the harder it is driven. */
export const TRIAL_STEPS_DB: readonly number[] = [0, 1.5, 3, 4.5, 6, 8]
/** However hard the limiter has to work, never drive it more than this above the linear gain. */
const MAX_EXTRA_DB = 12

export interface Trial {
  readonly gainDb: number
  readonly lufs: number
}

/** Runs a graph whose [out] goes to the null muxer and returns ffmpeg's log. */
export type RunGraph = (graph: string, task: string) => Promise<string>

/**
 * The gain that lands the limited mix on the target: one pass meters the limited sum at several
 * gains, and the answer is read between the two that bracket the target. Loudness rises smoothly
 * and monotonically with the gain, so a straight line between neighbours is within a few
 * hundredths of an LU.
 */
export async function findLimitedGain(run: RunGraph, input: MixGraphInput, linearGainDb: number, ceilingDb: number, targetLufs: number): Promise<number> {
  const gains = TRIAL_STEPS_DB.map((step) => linearGainDb + step)
  const stderr = await run(trialGraph(input, gains, ceilingDb), 'measuring the limited mix')
  const measured = parseEbur128Summaries(stderr, 'the limited mix')
  return gainForTarget(
    gains.map((gainDb, i) => ({ gainDb, lufs: measured[i]?.integratedLufs ?? NaN })),
    targetLufs,
    linearGainDb + MAX_EXTRA_DB,
  )
}

/** Interpolates (or, past the last trial, extrapolates) the gain whose loudness is the target. */
export function gainForTarget(trials: readonly Trial[], targetLufs: number, maxGainDb: number): number {
  const usable = trials.filter((trial) => Number.isFinite(trial.lufs))
  if (usable.length === 0) return trials[0]?.gainDb ?? 0
  if (usable.length === 1 || targetLufs <= usable[0]!.lufs) return usable[0]!.gainDb
  let i = usable.findIndex((trial) => trial.lufs >= targetLufs)
  if (i < 0) i = usable.length - 1
  const low = usable[i - 1]!
  const high = usable[i]!
  const slope = (high.lufs - low.lufs) / (high.gainDb - low.gainDb)
  if (!(slope > 0)) return high.gainDb
  return Math.min(maxGainDb, low.gainDb + (targetLufs - low.lufs) / slope)
}
