import type { Script, Shot } from '../film.js'

/**
 * Film order: scenes as the script has them, shots as their storyboard listed them. Storyboards
 * arrive in any order (scenes run in parallel), so arrival order is not film order.
 */
export function inFilmOrder(script: Script | undefined, shots: readonly Shot[]): Shot[] {
  const sceneOrder = new Map(script?.scenes.map((scene, index) => [scene.id, index]))
  return shots
    .map((shot, index) => ({ shot, index }))
    .sort((a, b) => (sceneOrder.get(a.shot.sceneId) ?? 0) - (sceneOrder.get(b.shot.sceneId) ?? 0) || a.index - b.index)
    .map(({ shot }) => shot)
}
