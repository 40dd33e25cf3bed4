import { slugify } from '../agents/casting.js'
import type { Shot } from '../film.js'
import type { ImageInput } from '../providers/types.js'
import { referencesFor, type PortraitSheet } from './portrait-sheet.js'

/**
 * The portraits a clip takes along (reference-to-video), at most `limit`: the shot's speakers
 * first — their faces move most — then the others it shows; every front view before any side.
 */
export async function clipReferences(portraits: PortraitSheet, shot: Pick<Shot, 'characters' | 'dialogue'>, limit: number): Promise<ImageInput[]> {
  if (limit <= 0 || shot.characters.length === 0) return []
  const speakers = new Set(shot.dialogue.map((line) => slugify(line.speaker)))
  const speaks = (id: string) => [...speakers].some((slug) => id === slug || id.startsWith(`${slug}-`))
  const ordered = [...shot.characters.filter(speaks), ...shot.characters.filter((id) => !speaks(id))]
  return referencesFor(portraits, ordered, limit)
}
