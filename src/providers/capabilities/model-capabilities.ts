import type { AspectRatio } from '../../film.js'
import type { VideoCapabilities } from '../types.js'
import type { CapabilityRow } from './capability-schema.js'

/** A video model's capabilities with every default filled in: what the pipeline fits requests to. */
export interface ModelCapabilities {
  /** Allowed clip durations; absent: any whole second. */
  readonly seconds?: readonly number[]
  readonly aspectRatios: readonly AspectRatio[]
  readonly resolutions?: readonly string[]
  readonly firstFrame: boolean
  readonly lastFrame: boolean
  /** Reference images sent with a clip, at most. */
  readonly references: number
  readonly audio: 'none' | 'optional' | 'always'
  readonly maxPromptChars?: number
}

export const ALL_ASPECTS: readonly AspectRatio[] = ['16:9', '9:16', '1:1']

/**
 * For a model nobody described: what every video model we know accepts — the frame as the first
 * frame, no references (an unknown field could be refused, or billed), any length and shape (the
 * vendor's own 400 then names what it takes).
 */
export const DEFAULT_CAPABILITIES: ModelCapabilities = { aspectRatios: ALL_ASPECTS, firstFrame: true, lastFrame: false, references: 0, audio: 'optional' }

export function fromRow(row: CapabilityRow): ModelCapabilities {
  return {
    ...DEFAULT_CAPABILITIES,
    ...(row.seconds && { seconds: [...row.seconds].sort((a, b) => a - b) }),
    ...(row.aspect_ratios && { aspectRatios: row.aspect_ratios }),
    ...(row.resolutions && { resolutions: row.resolutions }),
    ...(row.first_frame !== undefined && { firstFrame: row.first_frame }),
    ...(row.last_frame !== undefined && { lastFrame: row.last_frame }),
    ...(row.references !== undefined && { references: row.references }),
    ...(row.audio && { audio: row.audio }),
    ...(row.max_prompt_chars !== undefined && { maxPromptChars: row.max_prompt_chars }),
  }
}

/** A program calling the pipeline without a table: the model's own hints, else the default. */
export function fromModelHints(hints: VideoCapabilities | undefined): ModelCapabilities {
  return {
    ...DEFAULT_CAPABILITIES,
    ...(hints?.seconds && { seconds: hints.seconds }),
    ...(hints?.aspectRatios && { aspectRatios: hints.aspectRatios }),
    ...(hints?.audio !== undefined && { audio: hints.audio ? 'optional' : 'none' }),
  }
}
