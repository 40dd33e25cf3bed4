import type { DialogueLine } from '../film.js'
import { parseScreenplay } from '../providers/offline/screenplay-parser.js'
import { placeLines } from './place-lines.js'
import type { SceneAnswer } from './script-answer.js'
import { wordsOnly } from './script-answer.js'

/**
 * A model's scenes with the screenplay's own dialogue: the model only decides which scene each
 * line belongs to. Real models paraphrase while "copying"; the person's words are the source of
 * truth, so a reworded line is replaced by the original, never rejected.
 *
 * The lines come from a deterministic reading of the screenplay, plus any line the model copied
 * word for word that the reading missed (an unusual layout). When the reading finds as many
 * scenes as the model, each scene keeps its own lines as written; otherwise every line goes to
 * the scene where the model put its copy.
 */
export function withScriptDialogue(scenes: readonly SceneAnswer[], script: string): SceneAnswer[] {
  const parsed = parseScreenplay(script).scenes
  const proposed = scenes.map((scene) => scene.dialogue)
  const read = parsed.flatMap((scene) => scene.dialogue)
  const source = scriptLines(script, read, proposed.flat())
  if (source.length === 0) return [...scenes]
  const split = source.length === read.length && parsed.length === scenes.length ? parsed.map((scene) => scene.dialogue) : placeLines(source, proposed)
  return scenes.map((scene, index) => ({ ...scene, dialogue: split[index] ?? [] }))
}

/** The screenplay's lines in script order: those read from it, and verbatim model lines it missed. */
export function scriptLines(script: string, read: readonly DialogueLine[], modelLines: readonly DialogueLine[]): DialogueLine[] {
  const text = wordsOnly(script)
  let cursor = 0
  const placed = read.map((line) => {
    const at = text.indexOf(wordsOnly(line.line), cursor)
    if (at !== -1) cursor = at
    return { line, at: cursor }
  })
  const known = read.map((line) => wordsOnly(line.line))
  const extras = modelLines.flatMap((line) => {
    const words = wordsOnly(line.line)
    if (words.length < 4 || known.some((other) => other.includes(words) || words.includes(other))) return []
    const at = text.indexOf(words)
    if (at === -1) return []
    known.push(words)
    return [{ line: { speaker: line.speaker.trim(), line: line.line.trim() }, at }]
  })
  // Stable: lines read at the same place keep their order.
  return [...placed, ...extras].sort((a, b) => a.at - b.at).map((entry) => entry.line)
}
