import type { DialogueLine } from '../film.js'
import { wordsOnly } from './script-answer.js'

/**
 * Places each of a scene's dialogue lines in exactly one shot. The model's placement wins where
 * its line can be matched to the scene's; lines it dropped join the shot of their neighbour;
 * lines it invented are dropped. The scene's wording is what comes out, so subtitles match it.
 */
export function distributeDialogue(
  scene: readonly DialogueLine[],
  proposed: readonly (readonly { speaker: string; line: string }[])[],
): DialogueLine[][] {
  const shots = proposed.length
  const result: DialogueLine[][] = proposed.map(() => [])
  if (shots === 0 || scene.length === 0) return result

  const shotOf: number[] = scene.map((): number => -1)
  const words = scene.map((d) => wordsOnly(d.line))
  proposed.forEach((lines, shot) => {
    for (const line of lines) {
      const index = findLine(scene, words, shotOf, line)
      if (index !== -1) shotOf[index] = shot
    }
  })

  if (!shotOf.some((shot) => shot !== -1)) {
    // Nothing matched: spread the lines evenly, in order.
    scene.forEach((_, index) => (shotOf[index] = Math.floor((index * shots) / scene.length)))
  } else {
    const firstPlaced = shotOf.find((shot) => shot !== -1) ?? 0
    let previous = firstPlaced
    for (let index = 0; index < shotOf.length; index++) {
      if (shotOf[index] === -1) shotOf[index] = previous
      previous = shotOf[index] as number
    }
  }
  scene.forEach((line, index) => result[shotOf[index] as number]?.push(line))
  return result
}

function findLine(
  scene: readonly DialogueLine[],
  words: readonly string[],
  shotOf: readonly number[],
  candidate: { speaker: string; line: string },
): number {
  const text = wordsOnly(candidate.line)
  if (text === '') return -1
  const speaker = wordsOnly(candidate.speaker)
  const free = (index: number) => shotOf[index] === -1
  const same = (index: number) => words[index] === text
  const sameSpeaker = (index: number) => {
    const other = wordsOnly(scene[index]?.speaker ?? '')
    return speaker === '' || other === speaker || other.startsWith(speaker) || speaker.startsWith(other)
  }
  // A shortened or lengthened copy of a line still counts, if the speaker agrees.
  const overlaps = (index: number) => {
    const other = words[index] ?? ''
    return other.length > 0 && Math.min(other.length, text.length) >= 8 && (other.includes(text) || text.includes(other))
  }
  for (const test of [(i: number) => same(i) && sameSpeaker(i), same, (i: number) => overlaps(i) && sameSpeaker(i)]) {
    const index = scene.findIndex((_, i) => free(i) && test(i))
    if (index !== -1) return index
  }
  return -1
}
