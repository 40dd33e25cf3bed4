import type { ModelKind } from '../providers/types.js'

export type RunStatus = 'running' | 'complete' | 'failed' | 'interrupted'

export interface RunStart {
  readonly specPath?: string
  readonly specSha256?: string
  readonly outputDir?: string
}

export interface RunOutcome {
  readonly status: Exclude<RunStatus, 'running'>
  readonly errorCode?: string
  /** A complete run that stopped on purpose: the stage of --stop-after, or "plan" for --dry-run. */
  readonly stoppedAfter?: string
}

/** Which runs `vimax runs` lists (and `runs rm --before` deletes); every field narrows. */
export interface RunFilter {
  readonly status?: RunStatus
  /** Epoch ms: runs started at or after it. */
  readonly since?: number
  /** Epoch ms: runs started before it. */
  readonly before?: number
  /** The spec as typed (relative, or a file name) and as resolved from the working folder. */
  readonly spec?: { readonly asTyped: string; readonly absolute: string }
}

/** A run with its calls summed up. */
export interface RunRow {
  readonly id: string
  readonly specPath: string | null
  readonly specSha256: string | null
  readonly status: RunStatus
  readonly startedAt: number
  readonly finishedAt: number | null
  readonly outputDir: string | null
  readonly errorCode: string | null
  readonly stoppedAfter: string | null
  readonly calls: number
  readonly cached: number
  readonly errors: number
  /** Estimated cost of the paid calls whose price is known. */
  readonly costUsd: number
  /** What the cache hits had cost when they were paid for. */
  readonly savedUsd: number
  /** Paid calls whose price is unknown: `costUsd` leaves them out. */
  readonly unpriced: number
  readonly bytes: number
}

export interface CallRow {
  readonly id: number
  readonly runId: string
  readonly callId: number | null
  readonly cacheKey: string | null
  readonly provider: string
  readonly model: string
  readonly kind: ModelKind
  readonly subject: string | null
  readonly cached: boolean
  /** A video job an earlier run started and paid for, finished by this one. */
  readonly resumed: boolean
  readonly status: 'ok' | 'error'
  readonly attempts: number | null
  readonly latencyMs: number | null
  readonly queuedMs: number | null
  readonly bytes: number | null
  readonly costUsd: number | null
  readonly savedUsd: number | null
  readonly requestId: string | null
  readonly errorCode: string | null
  readonly startedAt: number
  /** Made by a fallback model: the models the call moved past, each with its error code. */
  readonly fallbackFrom: string | null
}

export interface RunDetail {
  readonly run: RunRow
  /** In the order they ended. */
  readonly calls: readonly CallRow[]
}

export interface HitRate {
  /** Runs looked at (at most the number asked for). */
  readonly runs: number
  /** Successful calls in them, cached or not. */
  readonly calls: number
  /** Of those, served from the cache (or shared with an identical call in flight): calls saved. */
  readonly cached: number
  /** cached / calls; 0 when there were no calls. */
  readonly rate: number
  /** Estimated cost of the paid calls. */
  readonly spentUsd: number
  /** What the cached calls had cost when they were paid for (recorded with each hit). */
  readonly savedUsd: number
  /** Paid calls whose price is unknown, left out of `spentUsd`. */
  readonly unpriced: number
}
