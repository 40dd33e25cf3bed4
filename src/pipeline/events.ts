import type { ModelKind } from '../providers/types.js'

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
  readonly costUsd: number | undefined
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
  | { readonly type: 'warning'; readonly message: string }

export type Emit = (event: PipelineEvent) => void
