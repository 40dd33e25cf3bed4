import type { ModelKind } from '../providers/types.js'
import type { ResolvedSpec } from '../spec/types.js'

export type EntryPoint = 'idea' | 'script' | 'storyboard'

/** Milliseconds per call of each kind: simulated (offline) or measured medians (--real). */
export type Latencies = Readonly<Record<ModelKind, number>>

export interface PlanShot {
  readonly id: string
  /** Characters visible in the first frame: the frame waits for their portraits. */
  readonly characters: readonly string[]
  /** Lines spoken in the shot: one speech call each, all before its clip (they set its length). */
  readonly lines?: number
}

export interface PlanScene {
  readonly id: string
  readonly shots: readonly PlanShot[]
}

/**
 * A film's structure as the schedule models need it — which calls exist and who waits for whom.
 * Built after a run from its storyboard.json, so it is the film actually made, not a guess.
 */
export interface BenchPlan {
  readonly entry: EntryPoint
  /** Casting was a chat call: always for an idea or a script; for a storyboard only when it names no characters. */
  readonly castCall: boolean
  /** Every character with a portrait sheet (front, side, back). */
  readonly characters: readonly string[]
  readonly scenes: readonly PlanScene[]
  /** One music bed for the film, asked for once every shot's length is known. */
  readonly music?: boolean
}

interface StoryboardFile {
  readonly characters?: readonly { readonly name?: unknown }[]
  readonly scenes?: readonly {
    readonly scene_num?: unknown
    readonly shots?: readonly { readonly shot_id?: unknown; readonly characters?: readonly unknown[]; readonly dialogue?: readonly unknown[] }[]
  }[]
}

/** The plan from a run's storyboard.json (our own output: a malformed one is a bug, so this throws). */
export function planFromStoryboard(
  json: unknown,
  options: { readonly entry: EntryPoint; readonly castCall: boolean; readonly voices?: boolean; readonly music?: boolean },
): BenchPlan {
  const file = (typeof json === 'object' && json !== null ? json : {}) as StoryboardFile
  if (!Array.isArray(file.scenes)) throw new Error('storyboard.json has no scenes')
  const characters = (file.characters ?? []).map((character) => String(character.name))
  const known = new Set(characters)
  const scenes = (file.scenes as NonNullable<StoryboardFile['scenes']>).map((scene, index) => ({
    id: String(scene.scene_num ?? index + 1),
    shots: (scene.shots ?? []).map((shot) => ({
      id: String(shot.shot_id),
      // A name without a portrait sheet is skipped by the frame's reference lookup too.
      characters: (shot.characters ?? []).map(String).filter((name) => known.has(name)),
      lines: options.voices === false ? 0 : (shot.dialogue ?? []).length,
    })),
  }))
  return { entry: options.entry, castCall: options.castCall, characters, scenes, music: options.music === true }
}

export function shotCount(plan: BenchPlan): number {
  return plan.scenes.reduce((total, scene) => total + scene.shots.length, 0)
}

/** The provider calls one cold run of the plan makes, per kind (no retries, no repairs). */
export function planCalls(plan: BenchPlan): Record<ModelKind, number> {
  const writing = plan.entry === 'idea' ? 2 : plan.entry === 'script' ? 1 : 0
  const storyboards = plan.entry === 'storyboard' ? 0 : plan.scenes.length
  const shots = shotCount(plan)
  return {
    chat: writing + (plan.castCall ? 1 : 0) + storyboards,
    image: 3 * plan.characters.length + shots,
    video: shots,
    speech: plan.scenes.reduce((total, scene) => total + scene.shots.reduce((lines, shot) => lines + (shot.lines ?? 0), 0), 0),
    music: plan.music === true && shots > 0 ? 1 : 0,
  }
}

/** Whether the film's lines are spoken and it has a music bed, as the spec says. */
export function soundOf(spec: ResolvedSpec): { voices: boolean; music: boolean } {
  return spec.sound === false ? { voices: false, music: false } : { voices: true, music: spec.sound.music !== false }
}
