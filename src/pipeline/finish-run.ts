import { rm } from 'node:fs/promises'
import path from 'node:path'
import { isVimaxError } from '../errors.js'
import type { Character, Script, Shot } from '../film.js'
import type { CallCounts, Money, PerKind } from './call-counts.js'
import type { EditedFilm } from './edit-film.js'
import { manifestArtifact, type Manifest } from './manifest.js'
import type { RunContext } from './run-context.js'
import type { RunUntil } from './run-until.js'
import type { ShotResult } from './shoot-shot.js'
import { inFilmOrder } from './shot-order.js'
import { writeScriptMarkdown, writeStoryboardJson } from './write-outputs.js'

/** What a run has got to so far; a failed run's manifest shows exactly this. */
export interface RunState {
  script?: Script
  cast?: readonly Character[]
  readonly planned: Shot[]
  readonly finished: ShotResult[]
}

export type Outcome =
  | { readonly status: 'complete'; readonly edited: EditedFilm }
  | { readonly status: 'stopped'; readonly stage: RunUntil }
  | { readonly status: 'failed' | 'interrupted'; readonly error: unknown }

export interface GenerateResult {
  readonly status: 'complete'
  /** Set when the run stopped on purpose before the film (`--stop-after`, a dry run). */
  readonly stoppedAfter: RunUntil | undefined
  readonly title: string
  readonly outDir: string
  readonly film: string
  readonly subtitles: string
  readonly manifest: string
  readonly durationSeconds: number
  readonly scenes: number
  readonly shots: number
  readonly wallMs: number
  readonly calls: PerKind
  readonly cached: PerKind
  readonly resumed: PerKind
  readonly money: Money
}

/** Writes script.md, storyboard.json and manifest.json, and clears files an earlier run left that this one did not make. */
export async function finishRun(
  ctx: RunContext,
  state: RunState,
  outcome: Outcome,
  run: { readonly startedAt: number; readonly previous: Manifest | undefined; readonly calls: CallCounts; readonly runId?: string | undefined },
): Promise<GenerateResult> {
  const { artifacts, spec } = ctx
  if (state.script && state.cast) {
    await writeScriptMarkdown(artifacts, state.script, state.cast)
    // A storyboard with no shots is no spec: a run stopped after the script has none to write.
    if (state.planned.length > 0) await writeStoryboardJson(artifacts, spec, state.script, state.cast, inFilmOrder(state.script, state.planned))
  }
  const wallMs = ctx.now() - run.startedAt
  const finishedById = new Map(state.finished.map((result) => [result.shot.id, result]))
  const film = outcome.status === 'complete' ? outcome.edited : undefined
  const manifest: Manifest = {
    version: 1,
    status: outcome.status,
    ...(run.runId === undefined ? {} : { run_id: run.runId }),
    spec: { path: spec.path, sha256: spec.digest },
    title: state.script?.title ?? spec.title,
    aspect_ratio: spec.aspectRatio,
    models: ctx.modelRefs,
    started_at: new Date(run.startedAt).toISOString(),
    finished_at: new Date(ctx.now()).toISOString(),
    wall_ms: wallMs,
    film: film && { path: film.film.path, duration_s: round(film.durationSeconds), sha256: film.film.sha256 },
    ...(film?.soundtrack && { audio: film.soundtrack }),
    shots: inFilmOrder(state.script, state.planned).map((shot) => ({
      id: shot.id,
      scene: shot.sceneId,
      take: shot.take,
      seconds: shot.seconds,
      frame: finishedById.get(shot.id)?.frame.path,
      clip: finishedById.get(shot.id)?.clip?.path,
    })),
    artifacts: artifacts.list().map(manifestArtifact),
    error: outcome.status === 'complete' || outcome.status === 'stopped' ? undefined : describe(outcome.error),
  }
  await artifacts.writeText('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { kind: 'storyboard', subject: 'manifest' })
  if (outcome.status === 'complete') await removeStale(ctx.artifacts.outDir, run.previous, new Set(manifest.artifacts.map((a) => a.path)))
  return {
    status: 'complete',
    stoppedAfter: outcome.status === 'stopped' ? outcome.stage : undefined,
    title: manifest.title ?? spec.name,
    outDir: artifacts.outDir,
    film: path.join(artifacts.outDir, 'film.mp4'),
    subtitles: path.join(artifacts.outDir, 'film.srt'),
    manifest: path.join(artifacts.outDir, 'manifest.json'),
    durationSeconds: round(film?.durationSeconds ?? 0),
    scenes: state.script?.scenes.length ?? 0,
    shots: state.planned.length,
    wallMs,
    calls: run.calls.made(),
    cached: run.calls.cached(),
    resumed: run.calls.resumed(),
    money: run.calls.money(),
  }
}

/** Only files an earlier manifest listed: never anything a person put in the folder. */
async function removeStale(outDir: string, previous: Manifest | undefined, kept: ReadonlySet<string>): Promise<void> {
  for (const artifact of previous?.artifacts ?? []) {
    if (kept.has(artifact.path) || artifact.path.includes('..') || path.isAbsolute(artifact.path)) continue
    await rm(path.join(outDir, artifact.path), { force: true })
  }
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000

function describe(error: unknown): { code: string; message: string } {
  return isVimaxError(error) ? { code: error.code, message: error.message } : { code: 'E_INTERNAL', message: String(error) }
}
