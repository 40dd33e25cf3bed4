import type { BenchPlan, Latencies } from './plan.js'

/**
 * What ViMax does that our plan does not say. The defaults model "the same calls, scheduled as
 * ViMax does": no camera tree, no selector, no extra planning calls — so the speedup measures the
 * schedule alone, and is a lower bound of what ViMax's extra calls would add.
 */
export interface VimaxConstants {
  /** d: depth of the camera tree; each level adds a transition video and frame rounds (vimax-study §2.3). */
  readonly cameraTreeDepth: number
  /** r: multimodal selector calls before each generated frame, each at the chat latency. */
  readonly selectorCallsPerFrame: number
  /** LLM calls per scene between the storyboard and the frames (shot decomposition, camera tree). */
  readonly planningCallsPerScene: number
}

export const SAME_CALLS: VimaxConstants = { cameraTreeDepth: 0, selectorCallsPerFrame: 0, planningCallsPerScene: 0 }

export const VIMAX_FORMULA =
  'head + Σ over scenes in series [ storyboard L + lines S + planning·L + rounds·F + (d+1)·V ] + music M, F = r·L + I; ' +
  'head: idea L story + L cast + 3I portraits (front → side → back) + L script; script L + L cast + 3I; ' +
  'storyboard [L cast] + 3I; rounds = d = 0 ? (shots > 1 ? 2 : 1) : 3d + 3'

export interface VimaxModel {
  readonly ms: number
  /** Before the first scene: writing, casting, every portrait (a stage barrier). */
  readonly headMs: number
  /** Each scene's render chain, in order: they run one after another. */
  readonly scenesMs: readonly number[]
}

/**
 * The same film scheduled as ViMax does (vimax-study.md §1.6, §2.3): every portrait — front, then
 * side, then back, in series — before any scene starts (for an idea, before the script too);
 * scenes one after another; inside a scene the storyboard, then the camera's anchor frame, then
 * the frames that reference it, then clips. With d = 0 there is one camera per scene, so a scene
 * of several shots takes two frame rounds; with d > 0 the study's (3d + 3)·F + (d + 1)·V applies.
 */
export function vimaxModel(plan: BenchPlan, latency: Latencies, constants: VimaxConstants = SAME_CALLS): VimaxModel {
  const { chat: L, image: I, video: V, speech: S, music: M } = latency
  const d = constants.cameraTreeDepth
  const frame = constants.selectorCallsPerFrame * L + I
  const writing = plan.entry === 'idea' ? 2 : plan.entry === 'script' ? 1 : 0
  const portraits = plan.characters.length > 0 ? 3 * I : 0
  const headMs = (writing + (plan.castCall ? 1 : 0)) * L + portraits
  const scenesMs = plan.scenes.map((scene) => {
    if (scene.shots.length === 0) return 0
    const storyboard = plan.entry === 'storyboard' ? 0 : L
    const rounds = d === 0 ? Math.min(2, scene.shots.length) : 3 * d + 3
    // The scene's lines as one stage (in parallel) before its frames: a stage barrier, as ViMax's are.
    const lines = scene.shots.some((shot) => (shot.lines ?? 0) > 0) ? S : 0
    return storyboard + lines + constants.planningCallsPerScene * L + rounds * frame + (d + 1) * V
  })
  // One bed after the last scene: ViMax has no soundtrack, so it is added where a stage pipeline would.
  const musicMs = plan.music === true && plan.scenes.some((scene) => scene.shots.length > 0) ? M : 0
  return { ms: headMs + scenesMs.reduce((total, ms) => total + ms, 0) + musicMs, headMs, scenesMs }
}
