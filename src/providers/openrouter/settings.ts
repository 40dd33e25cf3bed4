import type { VideoCapabilities } from '../types.js'

export const OPENROUTER_ENV_VAR = 'OPENROUTER_API_KEY'
export const OPENROUTER_BASE_URL = 'https://openrouter.ai/api/v1'

/**
 * Defaults: a cheap chat model that follows JSON schemas, Gemini's image model (it keeps faces
 * from reference images well) and the fast, cheaper Veo 3.1 tier for clips.
 */
export const OPENROUTER_DEFAULTS = {
  chat: 'openai/gpt-4.1-mini',
  image: 'google/gemini-2.5-flash-image',
  video: 'google/veo-3.1-fast',
} as const

/** Vendor guidance is 10–30 s; polling faster only buys 429s (5 polls/s per key). */
export const OPENROUTER_POLL_INTERVAL_MS = 10_000

/** `input_references` the images endpoint takes (ViMax's limit). */
export const MAX_IMAGE_REFERENCES = 16

/**
 * What the video models accept, by slug, so the pipeline clamps before paying. From the vendors'
 * docs at the time of writing; `GET /api/v1/videos/models` lists the live sets. Unknown slugs get
 * no capabilities: their durations are sent as asked and the API's 400 says what it takes.
 */
const VIDEO_MODELS: readonly [RegExp, VideoCapabilities][] = [
  [/^google\/veo-3/, { seconds: [4, 6, 8], aspectRatios: ['16:9', '9:16'] }],
  [/^openai\/sora-2/, { seconds: [4, 8, 12], aspectRatios: ['16:9', '9:16'] }],
  [/^kwaivgi\/kling/, { seconds: [5, 10], aspectRatios: ['16:9', '9:16', '1:1'] }],
]

export function openrouterVideoCapabilities(modelId: string): VideoCapabilities | undefined {
  return VIDEO_MODELS.find(([pattern]) => pattern.test(modelId))?.[1]
}
