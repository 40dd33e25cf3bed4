import { hash32 } from './card-palette.js'

export interface CardText {
  readonly heading: string
  readonly body: string
}

const MAX_HEADING = 48

/**
 * Splits a prompt into a card's heading and body: the first line when it is short (agents start
 * prompts with "Shot 1.2 — …" style titles), else the first sentence, else the first words.
 */
export function cardTextFromPrompt(prompt: string): CardText {
  const text = prompt.trim()
  const newline = text.indexOf('\n')
  const firstLine = (newline < 0 ? text : text.slice(0, newline)).trim()
  if (firstLine !== '' && firstLine.length <= MAX_HEADING) {
    return { heading: firstLine, body: newline < 0 ? '' : text.slice(newline + 1).trim() }
  }
  const sentence = /^(.+?[.!?:;])(\s|$)/s.exec(firstLine)?.[1]
  if (sentence !== undefined && sentence.length <= MAX_HEADING) {
    return { heading: sentence.replace(/[.:;]$/, ''), body: text.slice(sentence.length).trim() }
  }
  const words = firstLine.split(/\s+/)
  let heading = ''
  for (const word of words) {
    if (`${heading} ${word}`.trim().length > MAX_HEADING - 3) break
    heading = `${heading} ${word}`.trim()
  }
  return { heading: `${heading || firstLine.slice(0, MAX_HEADING - 3)}...`, body: text }
}

/** One number from the request's seed, take and prompt, so a reroll or new prompt looks different. */
export function cardSeed(seed: number | undefined, take: number | undefined, prompt: string): number {
  return hash32(`${seed ?? 0}|${take ?? 0}|${prompt}`)
}
