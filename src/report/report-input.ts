import type { Character, Scene, Shot } from '../film.js'
import type { ModelKind } from '../providers/types.js'

export type ReportStatus = 'running' | 'complete' | 'failed' | 'interrupted' | 'stopped'

/** A file in the output folder the report may show, as manifest.json lists it. */
export interface ReportArtifact {
  /** Relative to the output folder, forward slashes. */
  readonly path: string
  readonly kind: string
  /** "character mira (front)", "shot 1.2", … */
  readonly subject: string
  readonly cached: boolean
  /** A clip's reference images by label, in the order sent (reference-to-video). */
  readonly references?: readonly string[]
  /** Set when a fallback model made it: that model, and why the ones listed before it did not. */
  readonly fallback?: { readonly madeBy: string; readonly why: string }
}

/** One provider call (a cache hit included), as the ledger records it. */
export interface ReportCall {
  readonly callId: number
  readonly provider: string
  readonly model: string
  readonly kind: ModelKind
  readonly subject: string | undefined
  /** Epoch ms when it asked for a lane slot; the provider had it for `ms` after `queuedMs`. */
  readonly startedAt: number
  readonly queuedMs: number
  readonly ms: number
  readonly cached: boolean
  /** A video job an earlier run started (and paid for), finished by this one. */
  readonly resumed: boolean
  readonly ok: boolean
  readonly errorCode: string | undefined
  /** Made by a fallback model: the models the call moved past, each with its error code. */
  readonly fallbackFrom?: string
  readonly costUsd: number | undefined
  readonly savedUsd: number | undefined
}

/**
 * Everything report.html shows. Built live from a run's events, or afterwards from the output
 * folder (storyboard.json, manifest.json) and the ledger, so both paths render the same page.
 */
export interface ReportInput {
  readonly title: string
  readonly status: ReportStatus
  readonly runId: string | undefined
  readonly specPath: string | undefined
  /** Speech and music are absent from a manifest written before they were kinds. */
  readonly models: { readonly chat: string; readonly image: string; readonly video: string; readonly speech?: string; readonly music?: string }
  readonly startedAt: number
  readonly wallMs: number
  readonly logline: string | undefined
  readonly characters: readonly Character[]
  readonly scenes: readonly Scene[]
  /** Planned shots of every scene storyboarded so far, in film order. */
  readonly shots: readonly Shot[]
  readonly artifacts: readonly ReportArtifact[]
  readonly calls: readonly ReportCall[]
  readonly error: { readonly code: string; readonly message: string } | undefined
  /** Ids of the shots whose frame and clip are made; a planned shot not listed is still pending. */
  readonly finishedShots?: readonly string[]
  /** Why `calls` is empty when the calls could not be read (no ledger, no run): the page says so. */
  readonly callsNote?: string
  /** The run's warnings, in the order they came. */
  readonly warnings?: readonly string[]
  readonly aspectRatio?: string
  /** The mix's loudness as measured, once the film is made with a soundtrack. */
  readonly soundtrack?: { readonly integrated_lufs: number; readonly true_peak_db: number; readonly target: { readonly integrated_lufs: number; readonly true_peak_db: number } }
}
