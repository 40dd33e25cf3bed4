import { NOT_NOUNS, PLACE_WORDS, STOPWORDS } from './story-words.js'

/*
 * Words after which a capitalised word is a thing or a place, not a person ("near Montréal",
 * "einen Wal", "la Bretagne"), and words that open a sentence without being a name. A few
 * languages each; German capitalises every noun, so its articles matter most.
 */
const NOT_BEFORE_NAMES = new Set(
  ('a an the his her their its my our your in at on near from to into of by across ' +
    'un une le la les l du des de d au aux ce cet cette son sa ses mon ma mes à a en dans sur près vers chez par pour ' +
    'una el los las del al su sus cerca hacia desde ' +
    'ein eine einen einem einer eines der die das den dem des im am vom zum zur bei nach aus von zu mit über unter auf an')
    .split(' '),
)
const NOT_NAMES = new Set(
  ('when while after before then once one two three some every long there here ' +
    'quand lorsque pendant après avant alors dans sur sous un une le la les il elle ils elles ce cette deux trois ' +
    'cuando mientras después antes entonces el la los las un una dos tres ' +
    'als wenn während nach vor dann der die das ein eine zwei drei im am es er sie')
    .split(' '),
)
// German nouns take their article across adjectives: "einen gestrandeten Wal".
const GERMAN_ARTICLES = new Set('ein eine einen einem einer eines der die das den dem des'.split(' '))
const NAMING = /^(named|called|nommée?s?|appelée?s?|llamad[oa]s?|namens|genannt)$/i

/**
 * The people an idea names: "Hélène et Karim trouvent…", "a keeper named Elsie", "Mara, a pilot,
 * meets Jun". Capitalised words count unless a determiner or preposition comes first, they open
 * the sentence as an ordinary word, or they name a known place.
 */
export function namesInIdea(idea: string): string[] {
  const tokens = idea.split(/\s+/).filter((t) => t !== '')
  const names: string[] = []
  const add = (name: string) => {
    if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name)
  }
  tokens.forEach((token, i) => {
    const word = bare(token)
    if (!/^\p{Lu}[\p{Ll}\p{M}]+(?:[-’'][\p{Lu}\p{Ll}]+)?$/u.test(word)) return
    const lower = word.toLowerCase()
    const previous = i === 0 ? '' : (tokens[i - 1] as string)
    const prevWord = bare(previous).toLowerCase().replace(/^[ldj][’']/, '')
    if (NAMING.test(prevWord)) return add(word)
    if (STOPWORDS.has(lower) || NOT_NAMES.has(lower) || lower in PLACE_WORDS) return
    if (/[’']$/.test(previous) || NOT_BEFORE_NAMES.has(prevWord) || /^[ldLD][’']/.test(token)) return
    const beforePrevious = bare(tokens[i - 2] ?? '').toLowerCase()
    if (/^\p{Ll}/u.test(bare(previous)) && !/[,;]$/.test(previous) && GERMAN_ARTICLES.has(beforePrevious)) return
    // The idea's first word is a name unless it is a known word ("Robots…" is the risk taken);
    // a later sentence's first word only with a comma or "and" after it.
    const next = tokens[i + 1] ?? ''
    const listed = /[,]$/.test(token) || /^(and|et|y|und|or|ou|o|oder)$/i.test(bare(next))
    if (i === 0 && NOT_NOUNS.has(lower) && !listed) return
    if (i > 0 && /[.!?:;]$/.test(previous) && !listed) return
    add(word)
  })
  return names.slice(0, 6)
}

function bare(token: string): string {
  return token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}\p{M}]+$/gu, '').replace(/[’']s$/, '')
}
