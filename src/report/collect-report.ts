import type { CallEnd, PipelineEvent } from '../pipeline/events.js'
import { inFilmOrder } from '../pipeline/shot-order.js'
import type { ReportCall, ReportInput } from './report-input.js'

/** Enough warnings to see what went wrong; a run that warns on every call must not bloat the page. */
const MAX_WARNINGS = 50

export type ReportStart = Pick<ReportInput, 'title' | 'runId' | 'specPath' | 'models' | 'startedAt'>

/** The page before the first event: a title, the models, nothing planned yet. */
export function emptyReport(start: ReportStart): ReportInput {
  return {
    ...start,
    status: 'running',
    wallMs: 0,
    logline: undefined,
    characters: [],
    scenes: [],
    shots: [],
    artifacts: [],
    calls: [],
    error: undefined,
    finishedShots: [],
    warnings: [],
  }
}

/** Folds one event of a live run into the page. Pure: the writer owns time and the file. */
export function collectReport(report: ReportInput, event: PipelineEvent): ReportInput {
  switch (event.type) {
    case 'plan:script':
      return { ...report, title: event.script.title || report.title, logline: event.script.logline || undefined, scenes: event.script.scenes, characters: event.cast }
    case 'plan:shots':
      // Storyboards arrive in any order (scenes run in parallel); the page shows film order.
      return {
        ...report,
        shots: inFilmOrder({ title: report.title, logline: report.logline ?? '', scenes: report.scenes }, [
          ...report.shots.filter((shot) => shot.sceneId !== event.sceneId),
          ...event.shots,
        ]),
      }
    case 'artifact': {
      const { path, kind, subject, cached, references, model, fallback } = event.artifact
      const artifact = { path, kind, subject, cached: cached === true, ...(references && { references }), ...(fallback !== undefined && { fallback: { madeBy: model ?? '?', why: fallback } }) }
      return { ...report, artifacts: [...report.artifacts.filter((known) => known.path !== path), artifact] }
    }
    case 'call:end':
      // A dry run's stand-in for a call is a plan, not a call: the page shows only calls made.
      return event.planned === true ? report : { ...report, calls: [...report.calls, reportCall(event)] }
    case 'soundtrack':
      return { ...report, soundtrack: event.facts }
    case 'shot:done':
      return { ...report, finishedShots: [...(report.finishedShots ?? []).filter((id) => id !== event.shotId), event.shotId] }
    case 'warning':
      return (report.warnings?.length ?? 0) >= MAX_WARNINGS ? report : { ...report, warnings: [...(report.warnings ?? []), event.message] }
    default:
      return report
  }
}

/** The ledger's view of a call, from the event the ledger records it from. */
export function reportCall(event: CallEnd): ReportCall {
  return {
    callId: event.callId,
    provider: event.provider,
    model: event.model,
    kind: event.kind,
    subject: event.subject,
    startedAt: event.endedAt - event.ms - event.queuedMs,
    queuedMs: event.queuedMs,
    ms: event.ms,
    cached: event.cached,
    resumed: event.resumed,
    ok: event.error === undefined,
    errorCode: event.error?.code,
    ...(event.fallbackFrom !== undefined && { fallbackFrom: event.fallbackFrom }),
    costUsd: event.cached ? undefined : event.costUsd,
    savedUsd: event.cached ? event.savedUsd : undefined,
  }
}
