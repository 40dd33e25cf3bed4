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
 * {its storyboard ‖ the portraits its shots show} → each shot's frame ‖ its lines (spoken at once,
 * in parallel) → its clip, whose length the lines set; the music bed once every shot's length is
 * known. Assembly is not a provider call and is left out.
 */
export function criticalPath(plan: BenchPlan, latency: Latencies): CriticalPath {
  const { chat, image, video, speech, music } = latency
  const head = plan.entry === 'idea' ? ['chat story', 'chat script'] : plan.entry === 'script' ? ['chat script'] : []
  if (plan.castCall) head.push('chat cast')
  const castDone = head.length * chat
  let best: CriticalPath = { ms: castDone, chain: head }
  let lengthsKnown: CriticalPath = { ms: castDone, chain: head }
  for (const scene of plan.scenes) {
    const boardDone = castDone + (plan.entry === 'storyboard' ? 0 : chat)
    const board = plan.entry === 'storyboard' ? [] : [`chat storyboard ${scene.id}`]
    for (const shot of scene.shots) {
      const views = portraitWait(shot.characters.length)
      const portraitsDone = castDone + views.length * image
      const frameStart = Math.max(boardDone, portraitsDone)
      const frameDone = frameStart + image
      const spoken = (shot.lines ?? 0) > 0
      const speechDone = boardDone + (spoken ? speech : 0)
      const speechChain = [...head, ...board, ...(spoken ? [`speech lines ${shot.id}`] : [])]
      if (speechDone > lengthsKnown.ms) lengthsKnown = { ms: speechDone, chain: speechChain }
      const ms = Math.max(frameDone, speechDone) + video
      if (ms <= best.ms) continue
      const waits = portraitsDone >= boardDone ? views : board
      const before = frameDone >= speechDone ? [...head, ...waits, `image frame ${shot.id}`] : speechChain
      best = { ms, chain: [...before, `video clip ${shot.id}`] }
    }
  }
  if (plan.music === true && plan.scenes.some((scene) => scene.shots.length > 0) && lengthsKnown.ms + music > best.ms) {
    best = { ms: lengthsKnown.ms + music, chain: [...lengthsKnown.chain, 'music bed'] }
  }
  return best
}

/** The portrait calls a frame with `characters` visible waits for, one after another. */
function portraitWait(characters: number): string[] {
  if (characters === 0) return []
  return characters < REFERENCE_LIMIT ? ['image portrait front', 'image portrait side'] : ['image portrait front']
}
