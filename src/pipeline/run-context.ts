import type { FrameSize } from '../media/frame-size.js'
import type { ModelCapabilities } from '../providers/capabilities/model-capabilities.js'
import type { CallMeta, ModelRefs, ModelsByKind } from '../providers/types.js'
import type { ResolvedSpec } from '../spec/types.js'
import type { Sleep } from '../util/sleep.js'
import type { ArtifactMeta, ArtifactWriter } from './artifacts.js'
import type { Emit } from './events.js'
import type { Progress } from './progress.js'
import type { RunUntil } from './run-until.js'

/** What every step of a run shares. Built once by `generate`, read-only after. */
export interface RunContext {
  readonly spec: ResolvedSpec
  /** Already wrapped in lanes, events and (when enabled) the cache. */
  readonly models: ModelsByKind
  /** `provider:model` per kind, as recorded in the manifest. */
  readonly modelRefs: ModelRefs
  /** The video model's capability row: every clip request is fitted to it before paying. */
  readonly videoCapabilities: ModelCapabilities
  readonly artifacts: ArtifactWriter
  readonly progress: Progress
  readonly emit: Emit
  /** Soft stop: no new calls start. */
  readonly stop: AbortSignal
  /** Polls of video jobs in flight are abandoned (their jobs stay resumable); not at a budget stop. */
  readonly abandonPolls: AbortSignal
  /** Hard abort: requests in flight are cancelled too. Paid calls use this, never `stop`. */
  readonly signal: AbortSignal
  readonly size: FrameSize
  /** Take per shot id; a shot not listed is on take 0. */
  readonly takes: ReadonlyMap<string, number>
  /** Clips are asked for with their own sound (the profile's `generate_audio`), kept as the ambience stem. */
  readonly generateAudio?: boolean
  /** How far this run goes: the whole film, or a stop for review (`--stop-after`, `--dry-run`). */
  readonly until: RunUntil
  /** Scratch space for this run, removed when it ends. */
  readonly workDir: string
  readonly sleep: Sleep
  readonly now: () => number
}

/** The manifest's account of an artifact a model made: which model, cached or not, how long it took. */
export function madeBy(
  ctx: RunContext,
  what: { readonly kind: ArtifactMeta['kind']; readonly subject: string; readonly model: string; readonly startedAt: number },
  meta: CallMeta,
): ArtifactMeta {
  return {
    kind: what.kind,
    subject: what.subject,
    // A fallback chain's later model, when the first did not make it.
    model: meta.madeBy ?? what.model,
    ...(meta.fallbackReason !== undefined && { fallback: meta.fallbackReason }),
    cached: meta.cached === true,
    // Time at the provider: wall time minus the wait for a lane slot.
    latencyMs: Math.max(0, ctx.now() - what.startedAt - (meta.queuedMs ?? 0)),
    cacheKey: meta.cacheKey,
  }
}
