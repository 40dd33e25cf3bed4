import type { LaneLimits } from '../pipeline/lanes.js'
import { MODEL_KINDS, type ModelKind } from '../providers/types.js'
import { criticalPath, hasMusicBed, schedule, type CriticalPath } from './critical-path.js'
import { planCalls, type BenchPlan, type Latencies } from './plan.js'

/** A lane's limits per kind: each kind's model has its own `provider:kind` lane. */
export type LanesByKind = Readonly<Record<ModelKind, LaneLimits>>

export interface LaneLoad {
  readonly kind: ModelKind
  readonly calls: number
  /** Calls that can be in flight at once (at least 1). */
  readonly concurrency: number
  readonly rpm: number | undefined
  /** The earliest any call of this kind can start (its inputs, with lanes wide enough). */
  readonly headMs: number
  /** The lane's own busy time: rounds × latency, or the rpm's minutes when those are longer. */
  readonly busyMs: number
  /** What must still follow the lane's last call (e.g. a clip after the last frame). */
  readonly tailMs: number
  /** head + busy + tail: no run finishes sooner. */
  readonly ms: number
}

export interface ReferenceBound {
  readonly ms: number
  /** 'critical path', or the lane that binds, e.g. 'video lane'. */
  readonly by: string
  readonly path: CriticalPath
  /** The lane whose load is longest (whether or not it binds). */
  readonly busiest: LaneLoad | undefined
}

/**
 * One lane's lower bound: none of its calls can start before `headMs`; with `concurrency` in
 * flight at once, each taking the kind's latency, the last ends no sooner than ⌈calls ÷
 * concurrency⌉ rounds later (and with an rpm cap, call i starts no sooner than minute ⌊i ÷ rpm⌋,
 * as lanes.ts's strict rolling window allows); then what depends on every call of the kind still
 * has to happen. Every term is a lower bound of its own, so their sum is.
 */
export function laneLoads(plan: BenchPlan, latency: Latencies, lanes: LanesByKind, calls: Readonly<Record<ModelKind, number>> = planCalls(plan)): LaneLoad[] {
  const heads = earliestStarts(plan, latency)
  const tails = tailsAfter(plan, latency)
  return MODEL_KINDS.filter((kind) => calls[kind] > 0).map((kind) => {
    const limits = lanes[kind]
    const concurrency = Math.max(1, Math.floor(limits.concurrency))
    const rounds = Math.ceil(calls[kind] / concurrency) * latency[kind]
    const paced = limits.rpm ? Math.floor((calls[kind] - 1) / limits.rpm) * 60_000 + latency[kind] : 0
    const busyMs = Math.max(rounds, paced)
    return { kind, calls: calls[kind], concurrency, rpm: limits.rpm, headMs: heads[kind], busyMs, tailMs: tails[kind], ms: heads[kind] + busyMs + tails[kind] }
  })
}

/**
 * The time no run of this plan can beat with these lanes: the critical path (unlimited lanes), or
 * the busiest lane's load when it is longer — e.g. 500 clips on 16 video slots take 32 rounds.
 */
export function referenceBound(plan: BenchPlan, latency: Latencies, lanes: LanesByKind, calls?: Readonly<Record<ModelKind, number>>): ReferenceBound {
  const path = criticalPath(plan, latency)
  const loads = laneLoads(plan, latency, lanes, calls)
  const busiest = loads.reduce<LaneLoad | undefined>((most, load) => (most === undefined || load.ms > most.ms ? load : most), undefined)
  if (busiest === undefined || busiest.ms <= path.ms) return { ms: path.ms, by: 'critical path', path, busiest }
  return { ms: busiest.ms, by: `${busiest.kind} lane`, path, busiest }
}

/** "video lane: 0.52 s + 32 rounds × 1.20 s (500 calls, 16 at once) + 0 ms". */
export function describeLoad(load: LaneLoad, seconds: (ms: number) => string): string {
  const rounds = Math.ceil(load.calls / load.concurrency)
  const rpm = load.rpm === undefined ? '' : `, ${load.rpm} a minute`
  return `${load.kind} lane: ${seconds(load.headMs)} before + ${seconds(load.busyMs)} busy (${load.calls} calls, ${load.concurrency} at once, ${rounds} rounds${rpm}) + ${seconds(load.tailMs)} after`
}

/** The earliest start of any call of each kind, from the unlimited-lane schedule. */
function earliestStarts(plan: BenchPlan, latency: Latencies): Record<ModelKind, number> {
  const timed = schedule(plan, latency)
  const shots = timed.scenes.flatMap((scene) => scene.shots)
  const spoken = timed.scenes.filter((scene) => scene.scene.shots.some((shot) => (shot.lines ?? 0) > 0))
  const least = (values: readonly number[]) => (values.length === 0 ? 0 : Math.min(...values))
  return {
    chat: 0,
    // A frame, or the first portrait a shot asks for, once its scene's lines are spoken.
    image: least(timed.scenes.filter((scene) => scene.shots.length > 0).map((scene) => scene.voicedDone)),
    speech: least(spoken.map((scene) => scene.boardDone)),
    video: least(shots.map((shot) => shot.clipStart)),
    music: timed.lengthsKnown,
  }
}

/**
 * After the last call of a kind, the least work that depends on it: every chat call leads to a
 * frame and a clip; every image to a clip; every line to its scene's frames and clips, and to the
 * music bed (asked for once every line is spoken).
 */
function tailsAfter(plan: BenchPlan, latency: Latencies): Record<ModelKind, number> {
  const { image, video, music } = latency
  const everySceneShot = plan.scenes.length > 0 && plan.scenes.every((scene) => scene.shots.length > 0)
  return {
    chat: everySceneShot ? image + video : 0,
    image: video,
    speech: Math.max(image + video, hasMusicBed(plan) ? music : 0),
    video: 0,
    music: 0,
  }
}
