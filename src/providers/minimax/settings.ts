import type { VideoCapabilities } from '../types.js'

export const MINIMAX_ENV_VAR = 'MINIMAX_API_KEY'
/** The international endpoint; mainland China accounts use https://api.minimaxi.com. */
export const MINIMAX_BASE_URL = 'https://api.minimax.io'
export const MINIMAX_DEFAULTS = { video: 'MiniMax-Hailuo-02' } as const
/** A 6 s clip takes about 4–5 minutes; MiniMax's samples poll every 10 s. */
export const MINIMAX_POLL_INTERVAL_MS = 10_000

export type MinimaxResolution = '512P' | '720P' | '768P' | '1080P'

/** Output-affecting settings: sent with every start and part of the cache key. */
export interface MinimaxVideoOptions {
  /** Default 768P on Hailuo 02 and 2.3 (1080P makes 6 s clips only; 512P takes a first frame only). */
  readonly resolution?: MinimaxResolution
  /** MiniMax rewrites the prompt unless told not to; default off, so the storyboard's words are what is sent. */
  readonly promptOptimizer?: boolean
}

/** Hailuo 02 and 2.3 make 6 or 10 s, but 10 s only below 1080P; the 01 series makes 6 s only. */
export function minimaxCapabilities(modelId: string, resolution: MinimaxResolution | undefined): VideoCapabilities & { readonly seconds: readonly number[] } {
  const hailuo = /hailuo/i.test(modelId)
  const seconds = hailuo && resolution !== '1080P' ? [6, 10] : [6]
  // Text-to-video comes out landscape; with a first frame the clip takes the frame's shape.
  return { seconds, audio: false }
}
