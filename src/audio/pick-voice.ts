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
  ...'child kid kids little girl boy toddler baby infant schoolgirl schoolboy'.split(' ').map((w) => [w, 'child'] as const),
  ...'young teen teens teenage teenager youth youthful student adolescent'.split(' ').map((w) => [w, 'young'] as const),
  ...'adult middle-aged middle grown twenties thirties forties fifties'.split(' ').map((w) => [w, 'adult'] as const),
  ...'old older elderly aged grandmother grandfather grandma grandpa ancient retired veteran widow widower senior sixties seventies eighties nineties wrinkled'
    .split(' ').map((w) => [w, 'old'] as const),
])

/** Hair or beard of these colours says old ("white-haired", "grey beard"); the colour alone does not ("grey eyes"). */
const OLD_COLOURS = new Set(['grey', 'gray', 'white', 'silver', 'silvery', 'snow-white', 'grizzled', 'greying', 'graying', 'salt-and-pepper'])
const HAIR = new Set(['hair', 'haired', 'beard', 'bearded', 'braid', 'braids', 'locks', 'mane', 'whiskers', 'moustache', 'mustache', 'stubble'])

const UNITS = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(' ')
const TENS = 'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ')

/** "75", "nine", "seventy-five" as a number. */
function numberOf(word: string): number | undefined {
  if (/^\d{1,3}$/.test(word)) return Number(word)
  const [tens, unit, extra] = word.split('-')
  if (extra !== undefined) return undefined
  const unitValue = UNITS.indexOf(tens ?? '') + 1
  if (unitValue > 0 && unit === undefined) return unitValue
  const tensValue = (TENS.indexOf(tens ?? '') + 2) * 10
  if (tensValue < 20) return undefined
  if (unit === undefined) return tensValue
  const ones = UNITS.indexOf(unit) + 1
  return ones > 0 && ones < 10 ? tensValue + ones : undefined
}

const ageOfYears = (years: number): Age => (years < 13 ? 'child' : years < 20 ? 'young' : years < 60 ? 'adult' : 'old')

/** The age a word says where it stands: a word of age, or a hair colour before "hair". */
function ageAt(list: readonly string[], i: number): Age | undefined {
  const word = list[i]!
  const listed = AGE_WORDS[word]
  if (listed !== undefined) return listed
  const [colour, hair] = word.split(/-(?=[a-z]+$)/)
  if (hair !== undefined && OLD_COLOURS.has(colour!) && HAIR.has(hair)) return 'old'
  if (OLD_COLOURS.has(word) && HAIR.has(list[i + 1] ?? '')) return 'old'
  return undefined
}

/** A number of years where it stands: "of seventy-five", "aged 9", "16 years old", "a 75-year-old". */
function yearsAt(list: readonly string[], i: number): Age | undefined {
  const word = list[i]!
  const yearsOld = /^(.+?)-years?(?:-old)?$/.exec(word)
  const years = numberOf(yearsOld ? yearsOld[1]! : word)
  if (years === undefined || years > 120) return undefined
  if (yearsOld || /^(of|aged|age)$/.test(list[i - 1] ?? '') || /^(years?|year-old|years-old)$/.test(list[i + 1] ?? '')) return ageOfYears(years)
  return undefined
}

interface Traits {
  readonly gender: Gender | undefined
  readonly age: Age | undefined
  readonly words: ReadonlySet<string>
}

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}-]+/u).filter((w) => w !== '')
}

/**
 * The first gender word and the first age word win: "a girl and her grandfather" is a girl. A
 * number of years beats any other word of age.
 */
function traitsOf(text: string, gender?: string): Traits {
  const list = words(text)
  const firstOf = <T>(table: { readonly [word: string]: T }) => list.map((w) => table[w]).find((t) => t !== undefined)
  const declared = gender === 'female' || gender === 'male' ? gender : undefined
  // A number of years is the plainest word of age: "a girl of sixteen" is young, not a child.
  const age = [yearsAt, ageAt].map((cue) => list.map((_, i) => cue(list, i)).find((a) => a !== undefined)).find((a) => a !== undefined)
  return { gender: declared ?? firstOf(GENDER_WORDS), age, words: new Set(list) }
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
