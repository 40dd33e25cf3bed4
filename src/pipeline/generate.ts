import { setMaxListeners } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { FileMemo } from '../media/file-memo.js'
import { frameSize } from '../media/frame-size.js'
import { checkMediaTools } from '../media/media-tools.js'
import { AgentError, CancelledError } from '../errors.js'
import type { ModelKind, ModelsByKind } from '../providers/types.js'
import type { ResolvedSpec } from '../spec/types.js'
import { sleep as realSleep, type Sleep } from '../util/sleep.js'
import { createArtifactWriter } from './artifacts.js'
import { countCalls } from './call-counts.js'
import { editFilm } from './edit-film.js'
import type { Emit } from './events.js'
import { createFailureGuard } from './failure-guard.js'
import { finishRun, type GenerateResult, type RunState } from './finish-run.js'
import { createLanes, type LaneLimits } from './lanes.js'
import { readManifest } from './manifest.js'
import { prepareOutputDir } from './output-dir.js'
import { planCast } from './plan-cast.js'
import { planScript } from './plan-script.js'
import { planShots } from './plan-shots.js'
import { startPortraits } from './portrait-sheet.js'
import { prepareModels, type ModelLayer } from './prepare-models.js'
import { createProgress } from './progress.js'
import type { RunContext } from './run-context.js'
import { shootShot } from './shoot-shot.js'
import { inFilmOrder } from './shot-order.js'
import { takesFor } from './takes.js'

export type { GenerateResult } from './finish-run.js'

export interface GenerateInput {
  readonly spec: ResolvedSpec
  /** The models the run uses, as the registry resolved them (not yet wrapped). */
  readonly models: ModelsByKind
  readonly modelRefs: RunContext['modelRefs']
  readonly outDir: string
  readonly laneLimits: (provider: string, kind: ModelKind) => LaneLimits
  readonly emit?: Emit
  /** The first Ctrl-C: no new calls, polls abandoned (jobs stay resumable), finished work kept. */
  readonly stop?: AbortSignal
  /** Aborts requests in flight too; for callers that cannot simply exit. */
  readonly signal?: AbortSignal
  readonly rerolls?: readonly string[]
  readonly burnSubtitles?: boolean
  /** Wraps each model outside its lane — the cache plugs in here. */
  readonly layer?: ModelLayer
  /** Keeps normalised clips and joined films between runs (the cache provides one). */
  readonly memo?: FileMemo
  /** Scratch folder; one is made (and removed) when not given. */
  readonly workDir?: string
  readonly assembleConcurrency?: number
  readonly sleep?: Sleep
  readonly now?: () => number
}

/**
 * The whole film as dataflow: each shot awaits only its scene's storyboard, its characters'
 * portraits and its own frame. Scenes run in parallel; lanes, not the shape of the code, bound
 * concurrency. The first failure stops new calls, lets calls in flight finish, and is rethrown.
 */
export async function generate(input: GenerateInput): Promise<GenerateResult> {
  const now = input.now ?? Date.now
  const startedAt = now()
  const calls = countCalls()
  const emit: Emit = (event) => {
    calls.observe(event)
    input.emit?.(event)
  }
  await prepareOutputDir(input.outDir)
  await checkMediaTools()
  const previous = await readManifest(input.outDir)
  const guard = createFailureGuard(input.stop)
  const workDir = input.workDir ?? (await mkdtemp(path.join(os.tmpdir(), 'vimax-run-')))
  const ctx: RunContext = {
    spec: input.spec,
    models: prepareModels(input.models, {
      lanes: createLanes({ limitsFor: input.laneLimits, stop: guard.signal }),
      emit,
      stop: guard.signal,
      layer: input.layer,
    }),
    modelRefs: input.modelRefs,
    artifacts: createArtifactWriter(input.outDir, (artifact) => emit({ type: 'artifact', artifact })),
    progress: createProgress(emit),
    emit,
    stop: guard.signal,
    signal: manyListeners(input.signal ?? new AbortController().signal),
    size: frameSize(input.spec.aspectRatio),
    takes: takesFor(previous, input.rerolls ?? []),
    workDir,
    sleep: input.sleep ?? realSleep,
    now,
  }
  const state: RunState = { planned: [], finished: [] }
  const run = { startedAt, previous, calls }
  try {
    const script = (state.script = await guard.watch(planScript(ctx)))
    const cast = (state.cast = await guard.watch(planCast(ctx, script)))
    emit({ type: 'plan:script', script, cast })
    const portraits = startPortraits(ctx, cast)
    if (input.spec.source.kind !== 'storyboard') ctx.progress.expect('storyboards', script.scenes.length)
    const scenes = script.scenes.map(async (scene) => {
      const shots = await guard.watch(planShots(ctx, scene, cast))
      state.planned.push(...shots)
      emit({ type: 'plan:shots', sceneId: scene.id, shots })
      // allSettled, not all: after a failure, calls already in flight still finish (and are kept).
      await Promise.allSettled(
        shots.map(async (shot) => state.finished.push(await guard.watch(shootShot(ctx, shot, portraits)))),
      )
    })
    await Promise.allSettled(scenes)
    guard.throwIfFailed()
    const finished = new Map(state.finished.map((result) => [result.shot.id, result]))
    const shotsInOrder = inFilmOrder(script, state.planned).flatMap((shot) => finished.get(shot.id) ?? [])
    const edited = await guard.watch(
      editFilm(ctx, shotsInOrder, { burnSubtitles: input.burnSubtitles ?? false, concurrency: input.assembleConcurrency ?? 2, memo: input.memo }),
    )
    return await finishRun(ctx, state, { status: 'complete', edited }, run)
  } catch (error) {
    const cause = guard.firstFailure() ?? error
    // A rerun must ask the model again, not replay the answers that failed.
    if (cause instanceof AgentError) for (const key of cause.cacheKeys) await input.layer?.evict?.(key)
    const interrupted = cause instanceof CancelledError
    await finishRun(ctx, state, { status: interrupted ? 'interrupted' : 'failed', error: cause }, run).catch(() => undefined)
    if (!interrupted) throw cause
    throw new CancelledError(`interrupted: ${state.finished.length} of ${state.planned.length} shots finished and are kept`, {
      hint: 'rerun the same command to resume; video jobs already started are picked up, not paid for again',
      cause,
    })
  } finally {
    guard.dispose()
    if (input.workDir === undefined) await rm(workDir, { recursive: true, force: true })
  }
}

/** Every call in flight waits on the run's signal at once: that is many listeners by design. */
function manyListeners(signal: AbortSignal): AbortSignal {
  setMaxListeners(0, signal)
  return signal
}
