import type { BenchPlan, EntryPoint, PlanScene } from '../bench/plan.js'
import { MODEL_KINDS, type ModelKind } from '../providers/types.js'
import type { PipelineEvent } from './events.js'

/** One model's share of a planned run. */
export interface PlanRow {
  readonly provider: string
  readonly model: string
  readonly kind: ModelKind
  /** Calls the run makes… */
  readonly calls: number
  /** …of which the cache already holds (the dry run's own chat calls included)… */
  readonly cached: number
  /** …and of which it would pay for. */
  readonly toPay: number
  /** Estimated USD of the calls to pay for whose price is known. */
  readonly costUsd: number
  /** Calls to pay for at an unknown price: their cost is not in `costUsd`. */
  readonly unpriced: number
}

export interface RunPlan {
  readonly rows: readonly PlanRow[]
  readonly costUsd: number
  readonly unpriced: number
  /** Chat calls the dry run itself made (and paid for) to plan from the storyboard. */
  readonly madeNow: { readonly calls: number; readonly costUsd: number }
  /** The film's structure, for the critical path. */
  readonly structure: BenchPlan
}

/**
 * A dry run's account of the calls a real run would make, from the same events: a placeholder
 * is a call to pay for, a hit or a resumed job is not, and a real call the dry run made itself
 * (the cheap chat steps) is in the cache now. A placeholder whose cache key this run already
 * planned is a hit too: the real run shares the first call in flight or finds it stored, and
 * pays once (placeholders are never stored, so the dry run's cache cannot say so itself).
 */
export function collectPlan(entry: EntryPoint) {
  const rows = new Map<string, { provider: string; model: string; kind: ModelKind; calls: number; cached: number; toPay: number; costUsd: number; unpriced: number }>()
  const madeNow = { calls: 0, costUsd: 0 }
  const plannedKeys = new Set<string>()
  let castCall = false
  let spoken = false
  let music = false
  let characters: string[] = []
  let sceneOrder: string[] = []
  const scenes = new Map<string, PlanScene>()
  return {
    observe(event: PipelineEvent): void {
      if (event.type === 'plan:script') {
        characters = event.cast.map((character) => character.id)
        sceneOrder = event.script.scenes.map((scene) => scene.id)
      } else if (event.type === 'plan:shots') {
        scenes.set(event.sceneId, { id: event.sceneId, shots: event.shots.map((shot) => ({ id: shot.id, characters: shot.characters, lines: shot.dialogue.length })) })
      } else if (event.type === 'call:start') {
        if (event.kind === 'chat' && event.subject === 'cast') castCall = true
        if (event.kind === 'speech') spoken = true
        if (event.kind === 'music') music = true
      } else if (event.type === 'call:end' && event.error === undefined) {
        const key = `${event.provider}\0${event.model}\0${event.kind}`
        const row = rows.get(key) ?? { provider: event.provider, model: event.model, kind: event.kind, calls: 0, cached: 0, toPay: 0, costUsd: 0, unpriced: 0 }
        rows.set(key, row)
        row.calls += 1
        // A follower that waited on the same planned call in flight comes back cached (and unpriced).
        const repeat = event.cached || (event.cacheKey !== undefined && plannedKeys.has(event.cacheKey))
        if (event.planned === true && !event.resumed && !repeat) {
          if (event.cacheKey !== undefined) plannedKeys.add(event.cacheKey)
          row.toPay += 1
          if (event.costUsd === undefined) row.unpriced += 1
          else row.costUsd += event.costUsd
          return
        }
        row.cached += 1
        if (!event.cached && !event.resumed && event.planned !== true) {
          madeNow.calls += 1
          madeNow.costUsd += event.costUsd ?? 0
        }
      }
    },
    plan(): RunPlan {
      const ordered = [...rows.values()].sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || a.provider.localeCompare(b.provider))
      return {
        rows: ordered,
        costUsd: ordered.reduce((total, row) => total + row.costUsd, 0),
        unpriced: ordered.reduce((total, row) => total + row.unpriced, 0),
        madeNow,
        structure: {
          entry,
          castCall,
          characters,
          // A silent film (`sound: false`) speaks none of its lines.
          scenes: sceneOrder.flatMap((id) => scenes.get(id) ?? []).map((scene) => (spoken ? scene : { ...scene, shots: scene.shots.map((shot) => ({ ...shot, lines: 0 })) })),
          music,
        },
      }
    },
  }
}

const KINDS: readonly ModelKind[] = MODEL_KINDS
