import { parseLatencies } from '../config/parse-duration.js'
import { ConfigError } from '../errors.js'
import type { Latencies } from './plan.js'
import { MAX_SYNTHETIC_SHOTS } from './synthetic-board.js'
import { SAME_CALLS, type VimaxConstants } from './vimax-model.js'

/** Real-world per-call latencies (a chat answer, an image, a video job, a spoken line, a music bed): what the offline provider simulates, scaled. */
export const DEFAULT_LATENCY = 'chat=2s,image=8s,video=60s,speech=2s,music=30s'
/**
 * 60 s clips become 1.2 s, 8 s images 160 ms, 2 s answers 40 ms. The offline provider's own
 * rendering is done once, untimed (render-reuse.ts), so even these short latencies dominate the
 * timed runs; the whole default bench (three examples, serial included) takes about 1.5 minutes on
 * two cores, and the warm run (~80 ms of fixed work) stays under 5% of a cold one.
 */
export const DEFAULT_TIME_SCALE = 0.02
export const DEFAULT_RUNS = 1
export const DEFAULT_CONCURRENCY = '1,4,16'
export const DEFAULT_MAX_REGRESSION = '10%'

/** The flags as commander hands them over: strings, so every problem is reported here as a usage error. */
export interface BenchFlags {
  readonly runs?: string
  readonly latency?: string
  readonly timeScale?: string
  readonly concurrency?: string
  readonly real?: boolean
  readonly yes?: boolean
  readonly json?: boolean
  readonly save?: string
  readonly baseline?: string
  readonly maxRegression?: string
  readonly chart?: string
  readonly vimaxConstants?: string
  readonly renderCost?: boolean
  readonly shots?: string
}

export interface BenchSettings {
  readonly runs: number
  readonly real: boolean
  readonly yes: boolean
  /** Offline only. */
  readonly latency: { readonly unscaled: Latencies; readonly scale: number } | undefined
  /** Ascending, without repeats; 1 is the serial scenario, run only when asked for (the default list has it). */
  readonly concurrency: readonly number[]
  /** --shots: a synthetic board of each size, besides any spec given. */
  readonly shots: readonly number[]
  readonly maxRegression: number
  readonly constants: VimaxConstants
  /** Offline: reuse the provider's renders in timed runs (off with --render-cost). */
  readonly reuseRenders: boolean
}

const usage = (message: string, hint: string) => new ConfigError(message, { code: 'E_USAGE', hint })

export function parseBenchFlags(flags: BenchFlags): BenchSettings {
  const real = Boolean(flags.real)
  if (real && (flags.latency !== undefined || flags.timeScale !== undefined)) {
    throw usage('--latency and --time-scale simulate the offline provider; they do not apply with --real', 'drop them: --real measures the providers it calls')
  }
  if (flags.maxRegression !== undefined && flags.baseline === undefined) {
    throw usage('--max-regression needs --baseline', 'e.g. --baseline bench.json --max-regression 10%')
  }
  const runs = positiveInteger(flags.runs ?? String(DEFAULT_RUNS), '--runs')
  const concurrency = [...new Set(listOf(flags.concurrency ?? DEFAULT_CONCURRENCY, '--concurrency', 'e.g. --concurrency 1,4,16'))].sort((a, b) => a - b)
  const shots = flags.shots === undefined ? [] : [...new Set(listOf(flags.shots, '--shots', `e.g. --shots 500 or --shots 100,500 (at most ${MAX_SYNTHETIC_SHOTS})`))]
  const tooMany = shots.find((n) => n > MAX_SYNTHETIC_SHOTS)
  if (tooMany !== undefined) throw usage(`--shots: at most ${MAX_SYNTHETIC_SHOTS} shots, got ${tooMany}`, 'e.g. --shots 2500')
  const scale = Number(flags.timeScale ?? DEFAULT_TIME_SCALE)
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1) {
    throw usage(`--time-scale: expected a number in (0, 1], got "${flags.timeScale}"`, 'e.g. --time-scale 0.1 turns a 60 s clip into 6 s')
  }
  const unscaled = { ...parseLatencies(DEFAULT_LATENCY, 'default latency'), ...parseLatencies(flags.latency ?? '', '--latency') } as Latencies
  return {
    runs,
    real,
    yes: Boolean(flags.yes),
    latency: real ? undefined : { unscaled, scale },
    concurrency,
    shots,
    maxRegression: percent(flags.maxRegression ?? DEFAULT_MAX_REGRESSION),
    constants: flags.vimaxConstants === undefined ? SAME_CALLS : vimaxConstants(flags.vimaxConstants),
    reuseRenders: !real && !flags.renderCost,
  }
}

function positiveInteger(text: string, flag: string, example = `e.g. ${flag} 3`): number {
  const value = Number(text)
  if (!/^\s*\d+\s*$/.test(text) || !Number.isInteger(value) || value < 1) {
    throw usage(`${flag}: expected an integer ≥ 1, got "${text}"`, example)
  }
  return value
}

function listOf(text: string, flag: string, example: string): number[] {
  const parts = text.split(',').map((part) => part.trim())
  if (parts.some((part) => part === '')) throw usage(`${flag}: expected numbers separated by commas, got "${text}"`, example)
  return parts.map((part) => positiveInteger(part, flag, example))
}

/** "10%" or "10" → 0.1. */
function percent(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(text)
  if (!match) throw usage(`--max-regression: expected a percentage such as 10%, got "${text}"`, 'e.g. --max-regression 10%')
  return Number(match[1]) / 100
}

const CONSTANT_NAMES: Record<string, keyof VimaxConstants> = {
  depth: 'cameraTreeDepth',
  selectors: 'selectorCallsPerFrame',
  planning: 'planningCallsPerScene',
}

/** "depth=1,selectors=1,planning=2" → ViMax's own extra calls, for a model closer to its full schedule. */
function vimaxConstants(text: string): VimaxConstants {
  const constants: Record<keyof VimaxConstants, number> = { ...SAME_CALLS }
  for (const part of text.split(',').map((piece) => piece.trim()).filter(Boolean)) {
    const [name, value] = part.split('=').map((piece) => piece.trim())
    const key = CONSTANT_NAMES[name ?? '']
    const number = Number(value)
    if (key === undefined || value === undefined || !/^\d+$/.test(value) || number > 10) {
      throw usage(`--vimax-constants: expected depth=, selectors= or planning= with a whole number up to 10, got "${part}"`, 'e.g. --vimax-constants depth=1,selectors=1,planning=2')
    }
    constants[key] = number
  }
  return constants
}
