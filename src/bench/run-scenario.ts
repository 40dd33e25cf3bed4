import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { openCache } from '../cache/open-cache.js'
import type { PerKind } from '../pipeline/call-counts.js'
import type { PipelineEvent } from '../pipeline/events.js'
import { generate, type GenerateInput } from '../pipeline/generate.js'
import type { LaneLimits } from '../pipeline/lanes.js'
import { MODEL_KINDS, type ModelKind, type ModelsByKind } from '../providers/types.js'
import type { ResolvedSpec } from '../spec/types.js'
import { sampleRss } from './rss-sampler.js'

/** How the bench gets models and lanes; the CLI builds it from the config (offline or --real). */
export interface ModelSource {
  readonly modelRefs: GenerateInput['modelRefs']
  /**
   * Fresh models for one run, as a new process would build them. `instant`: without the simulated
   * latency, for the untimed pass that renders the offline media once.
   */
  open(workDir: string, options?: { readonly instant?: boolean }): Promise<{ readonly models: ModelsByKind; close(): Promise<void> }>
  /** The configured lanes, or every lane at `concurrency`. */
  laneLimits(concurrency: number | undefined): (provider: string, kind: ModelKind) => LaneLimits
}

export interface ScenarioRunInput {
  readonly spec: ResolvedSpec
  readonly source: ModelSource
  readonly concurrency: number | undefined
  /** Created when missing; a warm run passes the cold run's. */
  readonly cacheDir: string
  readonly outDir: string
  readonly warn: (message: string) => void
  /** Ctrl-C: no new calls; generate() then throws CancelledError and the bench cleans up. */
  readonly stop?: AbortSignal | undefined
}

export interface ScenarioRun {
  /** generate() from call to return: pipeline, assembly, manifest. */
  readonly wallMs: number
  /** Until assembly starts: the part the critical path bounds. */
  readonly pipelineMs: number
  /** The 'assemble' stage: normalising and joining clips, subtitles. */
  readonly assemblyMs: number
  readonly calls: PerKind
  readonly cached: PerKind
  /** Provider time (lane wait excluded) of each call made, per kind; cache hits are not provider time. */
  readonly latencies: Readonly<Record<ModelKind, readonly number[]>>
  /** Where the wall time went, in order (see ScenarioPhases); they add up to wallMs. */
  readonly phases: ScenarioPhases
  readonly peakRssBytes: number
  /** Whether casting was a model call (cached or not): part of the plan. */
  readonly castCall: boolean
  readonly outDir: string
}

export interface ScenarioPhases {
  /** From the start to the last provider call's end (hit or not). */
  readonly callsMs: number
  /** From there to the edit's start: the last clips copied out, portraits settling. */
  readonly toEditMs: number
  /** The picture (clips normalised and joined) and the soundtrack (mixed, or its memo read). */
  readonly editMs: number
  /** The film and its subtitles written to the output folder. */
  readonly filmOutMs: number
  /** The manifest and the run's other last writes, until generate() returns. */
  readonly finishMs: number
}

/** One `generate()` in this process, timed from its events; the cache folder is the caller's to remove. */
export async function runScenario(input: ScenarioRunInput): Promise<ScenarioRun> {
  const rss = sampleRss()
  try {
    const run = await runOnce(input)
    return { ...run, peakRssBytes: rss.stop() }
  } finally {
    rss.stop()
  }
}

async function runOnce(input: ScenarioRunInput): Promise<Omit<ScenarioRun, 'peakRssBytes'>> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'vimax-bench-run-'))
  const cache = await openCache({ cacheDir: input.cacheDir, warn: input.warn })
  let opened: Awaited<ReturnType<ModelSource['open']>> | undefined
  try {
    opened = await input.source.open(workDir)
    const latencies = Object.fromEntries(MODEL_KINDS.map((kind) => [kind, [] as number[]])) as Record<ModelKind, number[]>
    let castCall = false
    let assembleStart: number | undefined
    let assembleEnd: number | undefined
    let lastCallEnd: number | undefined
    let soundtrackEnd: number | undefined
    const observe = (event: PipelineEvent) => {
      if (event.type === 'call:end') lastCallEnd = performance.now()
      if (event.type === 'soundtrack') soundtrackEnd = performance.now()
      if (event.type === 'call:start' && event.kind === 'chat' && event.subject === 'cast') castCall = true
      else if (event.type === 'call:end' && !event.cached && event.error === undefined) latencies[event.kind].push(event.ms)
      else if (event.type === 'stage:total' && event.stage === 'assemble') assembleStart ??= performance.now()
      else if (event.type === 'stage:progress' && event.stage === 'assemble') assembleEnd = performance.now()
    }
    const started = performance.now()
    const result = await generate({
      ...(input.stop && { stop: input.stop }),
      spec: input.spec,
      models: opened.models,
      modelRefs: input.source.modelRefs,
      outDir: input.outDir,
      laneLimits: input.source.laneLimits(input.concurrency),
      emit: observe,
      layer: cache.layer,
      memo: cache.memo,
      workDir,
    })
    const ended = performance.now()
    const pipelineEnd = assembleStart ?? ended
    const editEnd = assembleEnd ?? pipelineEnd
    // A silent film has no soundtrack event: its edit ends when the film is written.
    const mixed = Math.min(soundtrackEnd ?? editEnd, editEnd)
    const callsEnd = Math.min(lastCallEnd ?? started, pipelineEnd)
    const phases: ScenarioPhases = {
      callsMs: callsEnd - started,
      toEditMs: pipelineEnd - callsEnd,
      editMs: mixed - pipelineEnd,
      filmOutMs: editEnd - mixed,
      finishMs: ended - editEnd,
    }
    return {
      phases,
      wallMs: ended - started,
      pipelineMs: pipelineEnd - started,
      assemblyMs: (assembleEnd ?? pipelineEnd) - pipelineEnd,
      calls: result.calls,
      cached: result.cached,
      latencies,
      castCall,
      outDir: input.outDir,
    }
  } finally {
    await Promise.all([cache.close(), opened?.close()])
    await rm(workDir, { recursive: true, force: true })
  }
}
