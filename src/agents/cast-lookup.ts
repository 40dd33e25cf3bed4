import type { Character, Scene } from '../film.js'
import { slugify } from './casting.js'

/**
 * Finds a cast member from what a model wrote: the full name, the id, "<Mira>", "MIRA (V.O.)",
 * or a first name when only one character has it. Unknown names give undefined, never a throw.
 */
export function castIndex(cast: readonly Character[]): (name: string) => Character | undefined {
  const exact = new Map<string, Character>()
  const first = new Map<string, Character | null>()
  for (const character of cast) {
    exact.set(normalise(character.name), character)
    exact.set(character.id, character)
    const given = normalise(character.name).split(' ')[0] ?? ''
    if (given !== '') first.set(given, first.has(given) && first.get(given) !== character ? null : character)
  }
  return (raw) => {
    const name = normalise(raw)
    if (name === '') return undefined
    return exact.get(name) ?? exact.get(slugify(name)) ?? first.get(name) ?? undefined
  }
}

function normalise(name: string): string {
  return name
    .replace(/[<>]/g, ' ')
    .replace(/\((?:v\.?o\.?|o\.?s\.?|o\.?c\.?|cont'?d)\)/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
}

/** The cast members who are in a scene: listed, speaking, or named in its action. */
export function sceneCast(scene: Scene, cast: readonly Character[]): Character[] {
  const lookup = castIndex(cast)
  const ids = new Set<string>()
  for (const name of [...scene.characters, ...scene.dialogue.map((d) => d.speaker)]) {
    const found = lookup(name)
    if (found) ids.add(found.id)
  }
  const action = ` ${scene.action.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `
  for (const character of cast) {
    const words = character.name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
    const given = words.split(' ')[0] ?? ''
    if (words !== '' && (action.includes(` ${words} `) || (given.length > 1 && action.includes(` ${given} `)))) ids.add(character.id)
  }
  const present = cast.filter((c) => ids.has(c.id))
  const namesSomeone = scene.characters.length > 0 || scene.dialogue.length > 0
  // Names the cast does not know (a typo, a nickname): better the whole cast than none.
  return present.length === 0 && namesSomeone ? [...cast] : present
}
