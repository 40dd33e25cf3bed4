import type { Character, Script, Shot } from '../film.js'
import type { ModelKind } from '../providers/types.js'
import type { ArtifactRecord } from './artifacts.js'
import type { SoundtrackFacts } from './soundtrack.js'

/** The stages a person sees progress for, in the order they first start. */
export type StageName = 'script' | 'cast' | 'portraits' | 'storyboards' | 'frames' | 'clips' | 'assemble'
export const STAGES: readonly StageName[] = ['script', 'cast', 'portraits', 'storyboards', 'frames', 'clips', 'assemble']

export interface CallEventBase {
  /** Unique within a run. */
  readonly callId: number
  readonly kind: ModelKind
  readonly provider: string
  readonly model: string
  readonly subject: string | undefined
  /** A fallback chain moved the call here: the models before, each with its error code ("fal:… E_PROVIDER_REFUSED"). */
  readonly fallbackFrom?: string
}

export interface CallEnd extends CallEventBase {
  readonly type: 'call:end'
  readonly cached: boolean
  /** A video job an earlier run started: polled to the end, not paid for again. */
  readonly resumed: boolean
  /** Time the provider spent, excluding the wait for a lane slot. */
  readonly ms: number
  readonly queuedMs: number
  readonly attempts: number | undefined
  readonly requestId: string | undefined
  /** Estimated USD paid for this call; undefined for a hit, or when no price is known. */
  readonly costUsd: number | undefined
  /** A hit: what the same result cost when it was paid for (undefined when unknown). */
  readonly savedUsd: number | undefined
  /** A dry run's placeholder for a call a real run would make (and pay for, at `costUsd`). */
  readonly planned?: boolean
  /** Epoch ms when the call ended; it started `ms + queuedMs` before. */
  readonly endedAt: number
  readonly bytes: number | undefined
  readonly cacheKey: string | undefined
  readonly error: { readonly code: string; readonly message: string } | undefined
}

/**
 * What a run reports while it works. The pipeline never prints; reporters, the ledger and the
 * bench listen to these.
 */
export type PipelineEvent =
  | { readonly type: 'stage:total'; readonly stage: StageName; readonly total: number; readonly done: number }
  | { readonly type: 'stage:progress'; readonly stage: StageName; readonly total: number; readonly done: number; readonly subject: string }
  | ({ readonly type: 'call:start' } & CallEventBase)
  | CallEnd
  | { readonly type: 'shot:done'; readonly shotId: string; readonly sceneId: string }
  /** The screenplay and cast, once casting is done. */
  | { readonly type: 'plan:script'; readonly script: Script; readonly cast: readonly Character[] }
  /** One scene's storyboard. */
  | { readonly type: 'plan:shots'; readonly sceneId: string; readonly shots: readonly Shot[] }
  /** A file written into the output folder (portrait, frame, clip, film…), as the manifest lists it. */
  | { readonly type: 'artifact'; readonly artifact: ArtifactRecord }
  | { readonly type: 'warning'; readonly message: string }
  /** The film's soundtrack is mixed: its loudness as measured after the mix. */
  | { readonly type: 'soundtrack'; readonly facts: SoundtrackFacts }

export type Emit = (event: PipelineEvent) => void

/** The error a video call ends with when the run stops polling it: the job was started, and billed. */
export const ABANDONED = 'E_ABANDONED'

/**
 * A call this run paid for: made (not a hit, not a job an earlier run started) and not failed —
 * or a job whose polling was abandoned, which the vendor bills all the same.
 */
export function paidByThisRun(event: CallEnd): boolean {
  return !event.cached && !event.resumed && (event.error === undefined || event.error.code === ABANDONED)
}
