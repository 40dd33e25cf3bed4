import type { Rng } from './story-random.js'

// A clause's leading "and then" belongs to the sentence it was cut from, not to the phrase.
const CONNECTIVE = /^(?:(?:and|then|but|so|et|puis|alors|mais|y|luego|pero|und|dann|aber)\s+)+/i

/**
 * The idea's own phrases: its clauses, split at punctuation, each kept whole and as written so
 * they can be quoted ("storm-battered island" stays with its noun, accents and case).
 */
export function ideaPhrases(idea: string, names: readonly string[]): string[] {
  const clauses = idea
    .replace(/\s+/g, ' ')
    .split(/[.,;:!?()…。、！？；：—–]|\s-\s/)
    .map((c) => c.trim().replace(/^["“”«»„「」']+|["“”«»„「」']+$/g, '').replace(CONNECTIVE, '').trim())
    .filter((c) => c !== '')
  const nameSet = new Set(names.map((n) => n.toLowerCase()))
  // A clause that is only names ("Hélène et Karim") says nothing to quote.
  return clauses.filter((c) => c.split(/\s+/).some((w) => w.length > 2 && !nameSet.has(w.toLowerCase()) && !/^(and|et|y|und)$/i.test(w)) && weight(c) >= 3)
}

/**
 * The phrase a film quotes: the fullest clause of a speakable length (short ones are asides such
 * as "two old friends"), the seed choosing among equals.
 */
export function ideaPhrase(idea: string, names: readonly string[], rng: Rng): string {
  const phrases = ideaPhrases(idea, names)
  const speakable = phrases.filter((p) => weight(p) <= 12)
  const fullest = Math.max(0, ...speakable.map(weight))
  if (speakable.length > 0) return rng.pick(speakable.filter((p) => weight(p) === fullest))
  return phrases.sort((a, b) => weight(a) - weight(b))[0] ?? idea.trim()
}

/** Words, or for scripts written without spaces, characters in fours. */
function weight(phrase: string): number {
  const words = phrase.split(/\s+/).length
  return words > 1 ? words : Math.ceil([...phrase].length / 4)
}
