import { NOT_NOUNS, PLACE_WORDS, STOPWORDS, VERBS, type Place } from './story-words.js'

/** What the offline writer reads from an idea: no grammar, just enough to sound on topic. */
export interface IdeaFacts {
  /** The idea as one clean sentence, capitalised and ending in a full stop. */
  readonly sentence: string
  readonly keywords: readonly string[]
  /** The thing the story is about ("whale"). */
  readonly subject: string
  /** The protagonist's role when the idea starts with one ("lighthouse keeper"). */
  readonly role: string | undefined
  readonly places: readonly Place[]
  /** Names the idea gives its characters. */
  readonly names: readonly string[]
}

// Articles of a few languages too, so "Un gardien…" or "Der Junge…" is not read as a name.
const ARTICLES = new Set(
  'a an the one two three some our un une le la les el los las der die das ein eine il lo gli uno una os um uma het een'.split(' '),
)

export function readIdea(text: string): IdeaFacts {
  const sentence = cleanSentence(text)
  const tokens = sentence.replace(/[.!?]$/, '').split(/\s+/).filter((t) => t !== '')
  const bare = tokens.map(bareWord)
  const keywords = unique(bare.filter((w) => w.length >= 3 && !STOPWORDS.has(w) && !NOT_NOUNS.has(w)))

  const names: string[] = []
  const firstToken = stripPunctuation(tokens[0] ?? '')
  const firstBare = bare[0] ?? ''
  const startsWithName =
    /^\p{Lu}\p{Ll}+$/u.test(firstToken) && !ARTICLES.has(firstBare) && !STOPWORDS.has(firstBare) && !NOT_NOUNS.has(firstBare) && !(firstBare in PLACE_WORDS)
  if (startsWithName) names.push(firstToken)
  tokens.forEach((token, i) => {
    const next = stripPunctuation(tokens[i + 1] ?? '')
    if (/^(named|called)$/i.test(token) && /^\p{Lu}/u.test(next)) names.push(next)
  })

  let role: string | undefined
  if (!startsWithName) {
    const words: string[] = []
    for (let i = ARTICLES.has(firstBare) ? 1 : 0; i < bare.length && words.length < 3; i++) {
      const word = bare[i] as string
      if (STOPWORDS.has(word) || VERBS.has(word) || word.length < 2) break
      words.push(word)
      if (/[,;:]$/.test(tokens[i] ?? '')) break
    }
    if (words.length > 0) role = words.join(' ')
  }

  const roleWords = new Set(role?.split(' ') ?? [])
  const nameWords = new Set(names.map((n) => n.toLowerCase()))
  const candidates = keywords.filter((w) => !roleWords.has(w) && !nameWords.has(w))
  const subject = candidates.find((w) => !(w in PLACE_WORDS)) ?? candidates[0] ?? keywords[0] ?? 'secret'
  const places = unique(bare.filter((w) => w in PLACE_WORDS).map((w) => (PLACE_WORDS[w] as Place).name)).map(
    (name) => Object.values(PLACE_WORDS).find((p) => p.name === name) as Place,
  )
  return { sentence, keywords, subject, role, places, names: unique(names) }
}

/** "three scenes", "3 short scenes" → 3; at most 6, at least 1; undefined when not asked. */
export function sceneCount(requirement: string | undefined): number | undefined {
  if (!requirement) return undefined
  const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten']
  const match = /\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[a-z-]+\s+)?scenes?\b/i.exec(requirement)
  if (!match) return undefined
  const raw = (match[1] as string).toLowerCase()
  const count = /^\d+$/.test(raw) ? Number(raw) : words.indexOf(raw)
  return Math.min(6, Math.max(1, count))
}

export function cleanSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat === '') return 'Something unexpected happens.'
  const capital = flat.charAt(0).toUpperCase() + flat.slice(1)
  return /[.!?]$/.test(capital) ? capital : `${capital}.`
}

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

function bareWord(token: string): string {
  return stripPunctuation(token).toLowerCase().replace(/['’]s$/, '')
}

function stripPunctuation(token: string): string {
  return token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)]
}
