import type { Shot } from '../film.js'
import { shotSubject } from '../pipeline/shoot-shot.js'
import { savedBy, spentBy, type CostSum } from './call-costs.js'
import type { ReportArtifact, ReportCall, ReportInput } from './report-input.js'

/**
 * - `failed`: a call for the shot failed, and no fallback model made it instead;
 * - `pending`: its frame and clip are not both made yet;
 * - `cached`: every call for it was a cache hit;
 * - `new`: some of it was paid for in this run.
 */
export type ShotStatus = 'new' | 'cached' | 'failed' | 'pending'

export interface ShotFacts {
  readonly status: ShotStatus
  /** The frame's file, relative to the output folder, once drawn. */
  readonly frame: string | undefined
  readonly calls: readonly ReportCall[]
  readonly spent: CostSum
  readonly saved: CostSum
}

export function shotFacts(input: ReportInput, shot: Shot): ShotFacts {
  const subject = shotSubject(shot)
  const calls = input.calls.filter((call) => call.subject === subject)
  const artifacts = input.artifacts.filter((artifact) => artifact.subject === subject)
  const frame = artifacts.find((artifact) => artifact.kind === 'frame')?.path
  return { status: statusOf(input, shot, calls, artifacts), frame, calls, spent: spentBy(calls), saved: savedBy(calls) }
}

function statusOf(input: ReportInput, shot: Shot, calls: readonly ReportCall[], artifacts: readonly ReportArtifact[]): ShotStatus {
  if (calls.some((call) => !call.ok && !movedOn(call, calls))) return 'failed'
  const made = artifacts.filter((artifact) => artifact.kind === 'frame' || artifact.kind === 'clip')
  const finished = input.finishedShots?.includes(shot.id) ?? made.some((artifact) => artifact.kind === 'clip')
  if (!finished) return 'pending'
  // Without a ledger the artifacts still say whether the cache served them.
  const served = calls.length > 0 ? calls : made
  return served.length > 0 && served.every((item) => item.cached) ? 'cached' : 'new'
}

/** A failed call a fallback chain moved to another model that then made it. */
function movedOn(failed: ReportCall, calls: readonly ReportCall[]): boolean {
  const ref = `${failed.provider}:${failed.model} `
  return calls.some((call) => call.ok && call.kind === failed.kind && call.fallbackFrom?.split('; ').some((from) => from.startsWith(ref)) === true)
}
