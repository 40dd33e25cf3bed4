import type { VideoCapabilities } from '../types.js'

export const KLING_ACCESS_KEY_ENV = 'KLING_ACCESS_KEY'
export const KLING_SECRET_KEY_ENV = 'KLING_SECRET_KEY'
/** The global endpoint; mainland accounts use https://api.klingai.com. */
export const KLING_BASE_URL = 'https://api-singapore.klingai.com'
export const KLING_DEFAULTS = { video: 'kling-v2-1' } as const
/** Clips take one to several minutes; Kling's samples poll every 10 s or so. */
export const KLING_POLL_INTERVAL_MS = 10_000

/** Output-affecting settings: sent with every start and part of the cache key. */
export interface KlingVideoOptions {
  /** `std` (the API default, cheaper) or `pro` (higher quality, 1080p on v1.5 and later). */
  readonly mode?: 'std' | 'pro'
  readonly negativePrompt?: string
  /** 0–1: how closely the clip follows the prompt; kling-v2.x ignores it. */
  readonly cfgScale?: number
}

/**
 * Every Kling model makes 5 s or 10 s clips. Text-to-video takes 16:9, 9:16 and 1:1;
 * image-to-video follows the first frame's shape. No Kling model on this API makes sound.
 */
export const KLING_CAPABILITIES: VideoCapabilities & { readonly seconds: readonly number[] } = {
  seconds: [5, 10],
  aspectRatios: ['16:9', '9:16', '1:1'],
  audio: false,
}
