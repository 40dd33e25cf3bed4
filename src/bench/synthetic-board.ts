import { parseSpec } from '../spec/parse-spec.js'
import type { ResolvedSpec } from '../spec/types.js'

/** Shots per scene of a synthetic board: scenes run in parallel, so this sets how wide the film starts. */
export const SHOTS_PER_SCENE = 10
/** More shots than this is a typo, not a benchmark (the largest film is 2,500). */
export const MAX_SYNTHETIC_SHOTS = 10_000

/**
 * A storyboard of `shots` shots for `vimax bench --shots N`: short square shots, two characters
 * (a shot shows one, both or none, so frames wait for portraits as in a real film), a line of
 * dialogue on every other shot and the default music bed, so speech and music are on the path.
 * Every prompt and line names its shot: identical requests would be shared, and the bench would
 * make fewer calls than the film has shots.
 */
export function syntheticBoard(shots: number): ResolvedSpec {
  const scenes = Array.from({ length: Math.ceil(shots / SHOTS_PER_SCENE) }, (_, s) => {
    const first = s * SHOTS_PER_SCENE + 1
    const count = Math.min(SHOTS_PER_SCENE, shots - s * SHOTS_PER_SCENE)
    return { scene_num: s + 1, shots: Array.from({ length: count }, (_, k) => shot(first + k)) }
  })
  const data = {
    title: `Synthetic board of ${shots} shots`,
    aspect_ratio: '1:1',
    shot_seconds: 1,
    style: 'flat storyboard sketch',
    characters: [
      { name: 'Ada', appearance: 'a girl of sixteen with copper-red hair' },
      { name: 'Orrin', appearance: 'an old clockmaker with wire spectacles' },
    ],
    scenes,
  }
  // Parsed like a spec file, so the board is checked by the same rules as a person's.
  return parseSpec(new TextEncoder().encode(JSON.stringify(data)), `synthetic-${shots}-shots.json`)
}

function shot(id: number) {
  const cast = [['Ada'], ['Ada', 'Orrin'], []][id % 3]!
  return {
    shot_id: id,
    first_frame: `Shot ${id}: ${cast.length === 0 ? 'the empty workshop' : cast.join(' and ')} among ticking clocks.`,
    video_prompt: `Shot ${id}: a slow push in.`,
    characters: cast,
    ...(id % 2 === 1 && { dialogue: [`${id % 4 === 1 ? 'Ada' : 'Orrin'}: Clock ${id} ticks.`] }),
  }
}
