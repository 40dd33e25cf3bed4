import type { BenchPlan, Latencies, PlanScene, PlanShot } from './plan.js'

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

/** When each step of the dataflow can happen at the earliest, with every lane wide enough. */
export interface Schedule {
  /** Writing and casting done: the scenes start. */
  readonly castDone: number
  readonly head: readonly string[]
  readonly scenes: readonly ScheduledScene[]
  /** Every shot's length is known (its scene's lines spoken): the music bed can be asked for. */
  readonly lengthsKnown: number
  readonly lengthsChain: readonly string[]
}

export interface ScheduledScene {
  readonly scene: PlanScene
  readonly boardDone: number
  /** The scene's lines spoken: its shots start (frames and portraits are asked for from here). */
  readonly voicedDone: number
  readonly chain: readonly string[]
  readonly shots: readonly ScheduledShot[]
}

export interface ScheduledShot {
  readonly shot: PlanShot
  readonly frameStart: number
  readonly clipStart: number
  readonly clipDone: number
  /** The chain up to the frame's start. */
  readonly chain: readonly string[]
}

/**
 * The dataflow of src/pipeline/generate.ts, timed with unlimited lanes: writing (story → script,
 * or the screenplay's structure) → casting → per scene its storyboard → all its lines at once
 * (voiceShots awaits the whole scene: a shot's length, and so its clip, depends on them) → per
 * shot its portraits, asked for by the first shot that shows the character (front, then side ‖
 * back as edits of it) → its frame → its clip. The music bed once every scene's lines are spoken.
 */
export function schedule(plan: BenchPlan, latency: Latencies): Schedule {
  const { chat, image, speech } = latency
  const head = plan.entry === 'idea' ? ['chat story', 'chat script'] : plan.entry === 'script' ? ['chat script'] : []
  if (plan.castCall) head.push('chat cast')
  const castDone = head.length * chat
  const staged = plan.scenes.map((scene) => {
    const board = plan.entry === 'storyboard' ? [] : [`chat storyboard ${scene.id}`]
    const boardDone = castDone + board.length * chat
    const spoken = scene.shots.some((shot) => (shot.lines ?? 0) > 0)
    const voicedDone = boardDone + (spoken ? speech : 0)
    return { scene, boardDone, voicedDone, chain: [...head, ...board, ...(spoken ? [`speech lines scene ${scene.id}`] : [])] }
  })
  // A character's front view is asked for by the first shot (in time) that shows it.
  const firstAsk = new Map<string, { at: number; chain: readonly string[] }>()
  for (const stage of staged) {
    for (const shot of stage.scene.shots) {
      for (const name of shot.characters) {
        const known = firstAsk.get(name)
        if (known === undefined || stage.voicedDone < known.at) firstAsk.set(name, { at: stage.voicedDone, chain: stage.chain })
      }
    }
  }
  const scenes = staged.map((stage) => ({
    ...stage,
    shots: stage.scene.shots.map((shot) => {
      let frameStart = stage.voicedDone
      let chain = stage.chain
      shot.characters.forEach((name, index) => {
        const asked = firstAsk.get(name)!
        const views = shot.characters.length + index < REFERENCE_LIMIT ? ['image portrait front', 'image portrait side'] : ['image portrait front']
        const ready = asked.at + views.length * image
        if (ready > frameStart) {
          frameStart = ready
          chain = [...asked.chain, ...views]
        }
      })
      const clipStart = frameStart + image
      return { shot, frameStart, clipStart, clipDone: clipStart + latency.video, chain: [...chain, `image frame ${shot.id}`] }
    }),
  }))
  let lengthsKnown = castDone
  let lengthsChain: readonly string[] = head
  for (const stage of staged) {
    if (stage.voicedDone > lengthsKnown) {
      lengthsKnown = stage.voicedDone
      lengthsChain = stage.chain
    }
  }
  return { castDone, head, scenes, lengthsKnown, lengthsChain }
}

/**
 * The longest chain of dependent calls in our dataflow (see `schedule`) — no schedule, however
 * many lanes, can finish sooner. Assembly is not a provider call and is left out.
 */
export function criticalPath(plan: BenchPlan, latency: Latencies): CriticalPath {
  const timed = schedule(plan, latency)
  let best: CriticalPath = { ms: timed.castDone, chain: timed.head }
  for (const scene of timed.scenes) {
    if (scene.shots.length === 0 && scene.boardDone > best.ms) best = { ms: scene.boardDone, chain: scene.chain }
    for (const shot of scene.shots) {
      if (shot.clipDone > best.ms) best = { ms: shot.clipDone, chain: [...shot.chain, `video clip ${shot.shot.id}`] }
    }
  }
  if (hasMusicBed(plan) && timed.lengthsKnown + latency.music > best.ms) {
    best = { ms: timed.lengthsKnown + latency.music, chain: [...timed.lengthsChain, 'music bed'] }
  }
  return best
}

/** One bed for the film, once it has a shot. */
export function hasMusicBed(plan: BenchPlan): boolean {
  return plan.music === true && plan.scenes.some((scene) => scene.shots.length > 0)
}
