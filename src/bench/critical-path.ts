import type { BenchPlan, Latencies } from './plan.js'

export interface CriticalPath {
  readonly ms: number
  /** The calls on the longest chain, first to last, e.g. "chat story", "image frame 2.1". */
  readonly chain: readonly string[]
}

/**
 * `referencesFor` (src/pipeline/portrait-sheet.ts) hands a frame every front view, then side
 * views, then back views, up to this many images: so a frame waits for a side view (an edit of
 * the front, one image call later) unless its fronts alone fill the list.
 */
export const REFERENCE_LIMIT = 8

/**
 * The longest chain of dependent calls in our dataflow — no schedule, however many lanes, can
 * finish sooner. Writing (story → script, or the screenplay's structure) → casting → per scene
 * {its storyboard ‖ the portraits its shots show} → each shot's frame → its clip. Assembly is
 * not a provider call and is left out.
 */
export function criticalPath(plan: BenchPlan, latency: Latencies): CriticalPath {
  const { chat, image, video } = latency
  const head = plan.entry === 'idea' ? ['chat story', 'chat script'] : plan.entry === 'script' ? ['chat script'] : []
  if (plan.castCall) head.push('chat cast')
  const castDone = head.length * chat
  let best: CriticalPath = { ms: castDone, chain: head }
  for (const scene of plan.scenes) {
    const boardDone = castDone + (plan.entry === 'storyboard' ? 0 : chat)
    for (const shot of scene.shots) {
      const views = portraitWait(shot.characters.length)
      const portraitsDone = castDone + views.length * image
      const frameStart = Math.max(boardDone, portraitsDone)
      const ms = frameStart + image + video
      if (ms <= best.ms) continue
      const waits = portraitsDone >= boardDone ? views : plan.entry === 'storyboard' ? [] : [`chat storyboard ${scene.id}`]
      best = { ms, chain: [...head, ...waits, `image frame ${shot.id}`, `video clip ${shot.id}`] }
    }
  }
  return best
}

/** The portrait calls a frame with `characters` visible waits for, one after another. */
function portraitWait(characters: number): string[] {
  if (characters === 0) return []
  return characters < REFERENCE_LIMIT ? ['image portrait front', 'image portrait side'] : ['image portrait front']
}
