import type { TransportSettings } from '../openai/transport-settings.js'

/** Output-affecting image settings: sent with every request and part of the fingerprint. */
export interface GeminiImageOptions {
  /**
   * What the model may answer with. Default: IMAGE only, except the 2.0 preview image models,
   * which reject a request that does not also allow TEXT.
   */
  readonly responseModalities?: readonly ('TEXT' | 'IMAGE')[]
  /** "1K" (the API default), "2K", "4K": only the newer (3.x) image models take it. */
  readonly imageSize?: '1K' | '2K' | '4K'
}

/** Output-affecting Veo settings; anything Vertex-only is deliberately absent. */
export interface VeoOptions {
  /** "720p" (the API default), "1080p"; Veo 2 takes none. */
  readonly resolution?: '720p' | '1080p' | '4k'
  /** The allowed set depends on the mode and the region; unset lets the API pick its default. */
  readonly personGeneration?: 'allow_all' | 'allow_adult' | 'dont_allow'
  readonly negativePrompt?: string
}

export interface GeminiSettings extends TransportSettings {
  /** Default: GEMINI_API_KEY, then GOOGLE_API_KEY, read at the first call. */
  readonly apiKey?: string
  /** Default https://generativelanguage.googleapis.com/v1beta. */
  readonly baseURL?: string
  readonly image?: GeminiImageOptions
  readonly video?: VeoOptions
  /** Between status calls of a Veo job; default 10 s (Google suggests 5–10 s, jobs take 11 s to minutes). */
  readonly pollIntervalMs?: number
  /** Provider id in model references; default "gemini". */
  readonly id?: string
}

export const GEMINI_ENV_VARS = ['GEMINI_API_KEY', 'GOOGLE_API_KEY'] as const
export const GEMINI_BASE_URL = 'https://generativelanguage.googleapis.com/v1beta'
export const GEMINI_DEFAULTS = { image: 'gemini-2.5-flash-image', video: 'veo-3.1-fast-generate-preview' } as const
export const DEFAULT_POLL_INTERVAL_MS = 10_000

/** "models/gemini-2.5-flash-image" and "gemini-2.5-flash-image" name the same model. */
export function modelPath(modelId: string, method: 'generateContent' | 'predictLongRunning'): string {
  return `models/${encodeURIComponent(modelId.replace(/^models\//, ''))}:${method}`
}
