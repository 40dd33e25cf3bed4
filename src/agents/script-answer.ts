import { z } from 'zod'
import type { DialogueLine, Scene } from '../film.js'

/** One scene as a model writes it; ids are ours, assigned in order. */
export const sceneAnswer = z.object({
  slugline: z.string(),
  action: z.string(),
  dialogue: z.array(z.object({ speaker: z.string().min(1), line: z.string().min(1) })),
  characters: z.array(z.string()),
})
export type SceneAnswer = z.infer<typeof sceneAnswer>

export const SCENE_SHAPE =
  '{"slugline": string, "action": string, "dialogue": [{"speaker": string, "line": string}], "characters": [string]}'

/** Scenes with ids "1", "2", …, trimmed text, and every speaker listed among the characters. */
export function toScenes(answers: readonly SceneAnswer[]): Scene[] {
  return answers.map((answer, index) => {
    const dialogue: DialogueLine[] = answer.dialogue
      .map((d) => ({ speaker: collapse(d.speaker), line: d.line.trim() }))
      .filter((d) => d.speaker !== '' && d.line !== '')
    return {
      id: String(index + 1),
      slugline: collapse(answer.slugline),
      action: answer.action.trim(),
      dialogue,
      characters: uniqueNames([...answer.characters, ...dialogue.map((d) => d.speaker)]),
    }
  })
}

/** Names in first-seen order, case-insensitively unique, empty ones dropped. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const raw of names) {
    const name = collapse(raw)
    const key = name.toLowerCase()
    if (name === '' || seen.has(key)) continue
    seen.add(key)
    out.push(name)
  }
  return out
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** Letters and digits only, lower case: compares words while ignoring quotes, dashes, spacing. */
export function wordsOnly(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
}
