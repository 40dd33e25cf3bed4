import type { VoiceInfo } from '../providers/types.js'

type Gender = 'female' | 'male'
type Age = 'child' | 'young' | 'adult' | 'old'

const GENDER_WORDS: { readonly [word: string]: Gender } = Object.fromEntries([
  ...'woman women girl girls she her hers female mother mom mum grandmother grandma queen lady wife sister aunt daughter niece princess widow nun actress heroine witch matriarch'
    .split(' ').map((w) => [w, 'female'] as const),
  ...'man men boy boys he him his male father dad grandfather grandpa king lord husband brother uncle son nephew prince widower monk actor hero wizard patriarch'
    .split(' ').map((w) => [w, 'male'] as const),
])

const AGE_WORDS: { readonly [word: string]: Age } = Object.fromEntries([
  ...'child kid kids little girl boy toddler baby infant'.split(' ').map((w) => [w, 'child'] as const),
  ...'young teen teenage teenager youth youthful student adolescent'.split(' ').map((w) => [w, 'young'] as const),
  ...'adult middle-aged middle grown'.split(' ').map((w) => [w, 'adult'] as const),
  ...'old elderly aged grandmother grandfather grandma grandpa ancient retired veteran widow widower grey gray senior'
    .split(' ').map((w) => [w, 'old'] as const),
])

interface Traits {
  readonly gender: Gender | undefined
  readonly age: Age | undefined
  readonly words: ReadonlySet<string>
}

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}-]+/u).filter((w) => w !== '')
}

/** The first gender word and the first age word win: "a girl and her grandfather" is a girl. */
function traitsOf(text: string, gender?: string): Traits {
  const list = words(text)
  const firstOf = <T>(table: { readonly [word: string]: T }) => list.map((w) => table[w]).find((t) => t !== undefined)
  const declared = gender === 'female' || gender === 'male' ? gender : undefined
  return { gender: declared ?? firstOf(GENDER_WORDS), age: firstOf(AGE_WORDS), words: new Set(list) }
}

const AGE_ORDER: readonly Age[] = ['child', 'young', 'adult', 'old']

function score(character: Traits, voice: Traits): number {
  let total = 0
  if (character.gender !== undefined && voice.gender !== undefined) total += character.gender === voice.gender ? 100 : -100
  const wanted = character.age ?? 'adult'
  const offered = voice.age ?? 'adult'
  total += 30 - 15 * Math.abs(AGE_ORDER.indexOf(wanted) - AGE_ORDER.indexOf(offered))
  for (const word of character.words) if (word.length > 3 && voice.words.has(word)) total += 5
  return total
}

/**
 * Casts a voice for a character description: the best match by gender and age words (and any
 * other word the voice's description shares), preferring voices no one has yet. Pure and
 * deterministic: the same description, list and taken set always give the same voice; ties go to
 * the voice listed first. When every matching voice is taken, the best one is shared.
 */
export function pickVoice<V extends VoiceInfo>(description: string, voices: readonly V[], taken: Iterable<string> = []): V {
  if (voices.length === 0) throw new RangeError('pickVoice needs at least one voice')
  const character = traitsOf(description)
  const used = new Set(taken)
  const ranked = voices
    .map((voice, index) => ({ voice, index, score: score(character, traitsOf(`${voice.description ?? ''} ${voice.name}`, voice.gender)) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
  const best = ranked[0]!
  const free = ranked.find((entry) => !used.has(entry.voice.id) && !(character.gender && entry.score < 0 && best.score >= 0))
  return (free ?? best).voice
}
