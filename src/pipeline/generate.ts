import { setMaxListeners } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { FileMemo } from '../media/file-memo.js'
import { FILM_FPS, frameSize } from '../media/frame-size.js'
import { createClipNormalizer } from '../media/clip-normalizer.js'
import { checkMediaTools } from '../media/media-tools.js'
import type { PriceBook } from '../cost/price-book.js'
import { AgentError, BudgetError, CancelledError } from '../errors.js'
import { fromModelHints, type ModelCapabilities } from '../providers/capabilities/model-capabilities.js'
import type { ModelKind, ModelsByKind } from '../providers/types.js'
import type { ResolvedSpec } from '../spec/types.js'
import { sleep as realSleep, type Sleep } from '../util/sleep.js'
import { createArtifactWriter } from './artifacts.js'
import type { Budget } from './budget.js'
import { countCalls } from './call-counts.js'
import { editFilm } from './edit-film.js'
import type { Emit } from './events.js'
import { voiceBook } from './cast-voices.js'
import { createFailureGuard } from './failure-guard.js'
import { finishRun, type GenerateResult, type RunState } from './finish-run.js'
import { aspectWarning } from './fit-storyboard.js'
import { createLanes, type LaneLimits } from './lanes.js'
import type { RateGate } from './rate-gate.js'
import { readManifest } from './manifest.js'
import { prepareOutputDir } from './output-dir.js'
import { planCast } from './plan-cast.js'
import { planScript } from './plan-script.js'
import { planShots } from './plan-shots.js'
import { createPortraitSheet, type PortraitSheet } from './portrait-sheet.js'
import type { ModelFallbacks } from './fallback-model.js'
import { prepareModels, type ModelLayer } from './prepare-models.js'
import { notBought } from './not-bought.js'
import { createProgress } from './progress.js'
import type { RunContext } from './run-context.js'
import { reaches, type RunUntil } from './run-until.js'
import { shootShot, shotSubject, type ShotResult } from './shoot-shot.js'
import { inFilmOrder } from './shot-order.js'
import { checkRerolls, rerollGate, specShotIds, takesFor } from './takes.js'
import { createCallObserver } from './with-events.js'
import { createMeter } from './with-meter.js'
import { cueMusic } from './music-bed.js'
import { voiceShots, type SpokenLine } from './voice-shot.js'

export type { GenerateResult } from './finish-run.js'

export interface GenerateInput {
  readonly spec: ResolvedSpec
  /** The models the run uses, as the registry resolved them (not yet wrapped). */
  readonly models: ModelsByKind
  /** Each kind's models after the first (a profile's list): a call the first refuses moves on. */
  readonly fallbacks?: ModelFallbacks
  readonly modelRefs: RunContext['modelRefs']
  /** The video model's row of the capability table; without one, the model's own hints (or the default). */
  readonly videoCapabilities?: ModelCapabilities
  /** Each video fallback's capabilities, in the order of `fallbacks.video`. */
  readonly fallbackVideoCapabilities?: readonly ModelCapabilities[]
  readonly outDir: string
  readonly laneLimits: (provider: string, kind: ModelKind) => LaneLimits
  /** Counts each lane's `rpm` (a Redis one shares it with every process of a team); default: each lane's own queue. */
  readonly rateGate?: RateGate
  readonly emit?: Emit
  /** The first Ctrl-C: no new calls, polls abandoned (jobs stay resumable), finished work kept. */
  readonly stop?: AbortSignal
  /** Aborts requests in flight too; for callers that cannot simply exit. */
  readonly signal?: AbortSignal
  readonly rerolls?: readonly string[]
  readonly burnSubtitles?: boolean
  /** `fonts.dir` / VIMAX_FONTS_DIR: searched first for the burned subtitles' font. */
  readonly fontsDir?: string | undefined
  /** The profile's `generate_audio`: clips are asked for with their own sound, which becomes the ambience stem. */
  readonly generateAudio?: boolean
  /** Wraps each model outside its lane — the cache plugs in here. */
  readonly layer?: ModelLayer
  /** Keeps normalised clips and joined films between runs (the cache provides one). */
  readonly memo?: FileMemo
  /** Scratch folder; one is made (and removed) when not given. */
  readonly workDir?: string
  readonly assembleConcurrency?: number
  /** Prices every call that reaches a provider; without one, costs are unknown. */
  readonly prices?: PriceBook
  /** The run's spending cap (`--max-cost`): a call that would pass it is not started. */
  readonly budget?: Budget
  /** @default 'film' */
  readonly until?: RunUntil
  /** The ledger's id for this run, written into manifest.json. */
  readonly runId?: string
  /** Where the previous manifest (each shot's take) is read; a dry run writes elsewhere. @default outDir */
  readonly previousDir?: string
  readonly sleep?: Sleep
  readonly now?: () => number
  /** When the run began, if before this call (opening the cache and ledger): `wall_ms` counts from it. @default now */
  readonly startedAt?: number
}

/**
 * The whole film as dataflow: each shot awaits only its scene's storyboard, its characters'
 * portraits and its own frame. Scenes run in parallel; lanes, not the shape of the code, bound
 * concurrency. The first failure stops new calls, lets calls in flight finish, and is rethrown.
 */
export async function generate(input: GenerateInput): Promise<GenerateResult> {
  const now = input.now ?? Date.now
  const startedAt = input.startedAt ?? now()
  const calls = countCalls()
  const emit: Emit = (event) => {
    calls.observe(event)
    input.emit?.(event)
  }
  // A storyboard spec names its shots: a wrong --reroll fails before anything is made.
  const shotIds = specShotIds(input.spec)
  if (shotIds) checkRerolls(input.rerolls ?? [], shotIds)
  await prepareOutputDir(input.outDir)
  await checkMediaTools()
  const previous = await readManifest(input.previousDir ?? input.outDir)
  const until = input.until ?? 'film'
  const guard = createFailureGuard(input.stop)
  const workDir = input.workDir ?? (await mkdtemp(path.join(os.tmpdir(), 'vimax-run-')))
  const observe = createCallObserver(emit)
  const ctx: RunContext = {
    spec: input.spec,
    models: prepareModels(input.models, {
      lanes: createLanes({ limitsFor: input.laneLimits, stop: guard.signal, ...(input.rateGate && { gate: input.rateGate }) }),
      observe,
      stop: guard.signal,
      layer: input.layer,
      meter: createMeter({ prices: input.prices, budget: input.budget }),
      fallbacks: input.fallbacks,
      fallbackVideoCapabilities: input.fallbackVideoCapabilities,
      warn: (message) => emit({ type: 'warning', message }),
    }),
    modelRefs: input.modelRefs,
    videoCapabilities: input.videoCapabilities ?? fromModelHints(input.models.video.capabilities),
    artifacts: createArtifactWriter(input.outDir, (artifact) => emit({ type: 'artifact', artifact })),
    progress: createProgress(emit),
    emit,
    stop: guard.signal,
    abandonPolls: guard.abandon,
    signal: manyListeners(input.signal ?? new AbortController().signal),
    size: frameSize(input.spec.aspectRatio),
    takes: takesFor(previous, input.rerolls ?? []),
    ...(input.generateAudio === true && { generateAudio: true }),
    until,
    workDir,
    sleep: input.sleep ?? realSleep,
    now,
  }
  const aspectNote = aspectWarning(ctx.videoCapabilities, input.modelRefs.video, input.spec.aspectRatio)
  if (aspectNote && reaches(until, 'clips')) emit({ type: 'warning', message: aspectNote })
  const state: RunState = { planned: [], finished: [] }
  // Each clip is normalised the moment it arrives, while the rest of the film is still being made.
  // Burned-in captions wait for the edit: where a line falls depends on every shot before it.
  const normalizer = createClipNormalizer({
    ...ctx.size,
    fps: FILM_FPS,
    burnSubtitles: input.burnSubtitles ?? false,
    fontsDir: input.fontsDir,
    warn: (message) => emit({ type: 'warning', message }),
    workDir: path.join(workDir, 'normalized'),
    concurrency: input.assembleConcurrency ?? 2,
    memo: input.memo,
    // generate_audio is the one switch for the clips' own sound, decided here once for the film.
    clipSound: input.generateAudio === true,
    signal: guard.signal,
  })
  const arrived = (result: ShotResult) => {
    state.finished.push(result)
    if (until !== 'film' || input.burnSubtitles || !result.clip) return
    const clip = path.join(ctx.artifacts.outDir, result.clip.path)
    normalizer.prefetch({ path: clip, sha256: result.clip.sha256, seconds: result.shot.seconds, cues: [], subject: shotSubject(result.shot) })
  }
  const run = { startedAt, previous, calls, runId: input.runId }
  let portraits: PortraitSheet | undefined
  // Every call the run started has settled before its outcome is written: nothing paid for is dropped.
  const stopped = async () => {
    await portraits?.settled()
    return finishRun(ctx, state, { status: 'stopped', stage: until }, run)
  }
  try {
    const script = (state.script = await guard.watch(planScript(ctx)))
    const cast = (state.cast = await guard.watch(planCast(ctx, script)))
    emit({ type: 'plan:script', script, cast })
    if (until === 'script') return await stopped()
    const sheet = (portraits = reaches(until, 'frames') ? createPortraitSheet(ctx, cast) : undefined)
    if (input.spec.source.kind !== 'storyboard') ctx.progress.expect('storyboards', script.scenes.length)
    const rerolled = rerollGate(input.rerolls ?? [], script.scenes.length, guard.signal)
    // Lines are spoken before any clip is asked for: their length decides the shot's.
    const book = input.spec.sound === false ? undefined : await guard.watch(voiceBook(input.spec, ctx.models.speech, cast))
    const voiced = new Map<string, readonly SpokenLine[]>()
    const music = cueMusic(ctx, script.scenes.length)
    const scenes = script.scenes.map(async (scene) => {
      const designed = await guard.watch(planShots(ctx, scene, cast))
      // Checked before the lines are spoken: a wrong --reroll id must cost nothing.
      await guard.watch(rerolled.planned(designed))
      const shots = book ? await guard.watch(voiceShots(ctx, designed, book, voiced)) : designed
      music.planned(shots)
      state.planned.push(...shots)
      emit({ type: 'plan:shots', sceneId: scene.id, shots })
      if (sheet === undefined) return
      // allSettled, not all: after a failure, calls already in flight still finish (and are kept).
      await Promise.allSettled(
        shots.map(async (shot) => arrived(await guard.watch(shootShot(ctx, shot, sheet)))),
      )
    })
    await Promise.allSettled(scenes)
    await portraits?.settled()
    guard.throwIfFailed()
    if (until !== 'film') return await stopped()
    const finished = new Map(state.finished.map((result) => [result.shot.id, result]))
    const shotsInOrder = inFilmOrder(script, state.planned).flatMap((shot) => {
      const result = finished.get(shot.id)
      return result?.clip ? [{ ...result, clip: result.clip }] : []
    })
    const edited = await guard.watch(
      editFilm(ctx, shotsInOrder, {
        burnSubtitles: input.burnSubtitles ?? false,
        concurrency: input.assembleConcurrency ?? 2,
        memo: input.memo,
        voiced,
        music: music.bed(),
        normalizer,
      }),
    )
    return await finishRun(ctx, state, { status: 'complete', edited }, run)
  } catch (error) {
    const first = guard.firstFailure() ?? error
    const cause = first instanceof BudgetError ? notBought(first, state, input.budget) : first
    await portraits?.settled()
    observe.endAbandoned()
    // A rerun must ask the model again, not replay the answers that failed.
    if (cause instanceof AgentError) for (const key of cause.cacheKeys) await input.layer?.evict?.(key)
    const interrupted = cause instanceof CancelledError
    await finishRun(ctx, state, { status: interrupted ? 'interrupted' : 'failed', error: cause }, run).catch(() => undefined)
    if (!interrupted) throw cause
    throw new CancelledError(`interrupted: ${state.finished.length} of ${state.planned.length} shots finished and are kept`, {
      hint: 'rerun the same command to resume; jobs already started (clips, queued images) are picked up, not paid for again',
      cause,
    })
  } finally {
    guard.dispose()
    await normalizer.settled()
    if (input.workDir === undefined) await rm(workDir, { recursive: true, force: true })
  }
}

/** Every call in flight waits on the run's signal at once: that is many listeners by design. */
function manyListeners(signal: AbortSignal): AbortSignal {
  setMaxListeners(0, signal)
  return signal
}
