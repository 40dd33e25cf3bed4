import type { PipelineEvent, StageName } from '../../pipeline/events.js'
import { STAGES } from '../../pipeline/events.js'
import { formatUsd } from '../../util/format-usd.js'

export interface StageLineOptions {
  /** A dry run: the stages whose calls are placeholders are planned, not made. */
  readonly planned?: boolean
  readonly now?: () => number
}

/** Stages a dry run only plans: their calls are placeholders and nothing is drawn, filmed or cut. */
const PLANNED_IN_DRY_RUN: ReadonlySet<StageName> = new Set(['portraits', 'frames', 'clips', 'assemble'])

/**
 * The live line, from events, for both the spinner and plain lines: "frames 7/12" per stage,
 * then the time since the start, the calls in flight and the money spent so far — what a person
 * watching a long, paid run wants to know. In a dry run, the stages it does not make say "planned".
 */
export function createStageCounts(options: StageLineOptions = {}) {
  const now = options.now ?? Date.now
  const startedAt = now()
  const counts = new Map<StageName, { done: number; total: number }>()
  let inFlight = 0
  let spentUsd = 0
  const stageText = (stage: StageName, done: number, total: number) =>
    `${stage} ${done}/${total}${options.planned && PLANNED_IN_DRY_RUN.has(stage) ? ' planned' : ''}`
  return {
    /** Whether the line changed. */
    update(event: PipelineEvent): boolean {
      if (event.type === 'stage:total' || event.type === 'stage:progress') {
        counts.set(event.stage, { done: event.done, total: event.total })
        return true
      }
      if (event.type === 'call:start') inFlight++
      else if (event.type === 'call:end') {
        inFlight = Math.max(0, inFlight - 1)
        // A hit or a follower paid nothing now; a placeholder was never bought.
        if (!event.cached && event.planned !== true) spentUsd += event.costUsd ?? 0
      } else return false
      return true
    },
    stage: stageText,
    stages,
    status,
    line(): string {
      const done = stages()
      return done === '' ? status() : `${done} · ${status()}`
    },
  }

  function stages(): string {
    return STAGES.filter((stage) => counts.has(stage))
      .map((stage) => stageText(stage, counts.get(stage)!.done, counts.get(stage)!.total))
      .join(' · ')
  }

  /** "1m 05s · 3 in flight · $0.42 spent" */
  function status(): string {
    return `${elapsed(now() - startedAt)} · ${inFlight} in flight · ${formatUsd(spentUsd)} spent`
  }
}

export type StageCounts = ReturnType<typeof createStageCounts>

/** "9s", "1m 05s", "1h 02m": a clock a person reads at a glance. */
export function elapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000))
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`
}
