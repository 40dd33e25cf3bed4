import { parseScreenplay } from './screenplay-parser.js'
import { rngFrom } from './story-random.js'
import { asArray, asRecord, asString, jsonSection } from './story-sections.js'
import { ACCESSORIES, AGES, BOTTOMS, BUILDS, EYES, FACES, HAIR, NAMES, PLACE_WORDS, SHOES, SKINS, STOPWORDS, TOPS } from './story-words.js'

/**
 * The offline casting director: the characters of the text in <SCRIPT>, each with a look built
 * from word lists and seeded by the name alone, so a character looks the same in every film.
 */
export function castAnswer(sections: ReadonlyMap<string, string>): unknown {
  const pinned = asArray(jsonSection(sections, 'PINNED_CHARACTERS')).map(asRecord)
  const names = namesIn(sections.get('SCRIPT') ?? '')
  for (const pin of pinned) {
    const name = asString(pin.name).trim()
    if (name !== '' && !names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name)
  }
  const characters = names.map((name) => {
    const pin = pinned.find((p) => asString(p.name).trim().toLowerCase() === name.toLowerCase())
    return {
      name: pin ? asString(pin.name).trim() : name,
      appearance: asString(pin?.appearance) || appearanceOf(name),
      outfit: asString(pin?.outfit) || outfitOf(name),
    }
  })
  return { characters }
}

export function appearanceOf(name: string): string {
  const rng = rngFrom('appearance', name.toLowerCase())
  const given = name.split(/\s+/)[0]?.toLowerCase()
  const gender = NAMES.find((n) => n.name.toLowerCase() === given)?.gender ?? 'n'
  const age = rng.pick(AGES[gender])
  const text = `${age}, ${rng.pick(BUILDS)}, with ${rng.pick(SKINS)}, ${rng.pick(FACES)}, ${rng.pick(EYES)} and ${rng.pick(HAIR)}.`
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export function outfitOf(name: string): string {
  const rng = rngFrom('outfit', name.toLowerCase())
  const text = `${rng.pick(TOPS)}, ${rng.pick(BOTTOMS)} and ${rng.pick(SHOES)}, with ${rng.pick(ACCESSORIES)}.`
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/**
 * Names from JSON (speaker / name / characters fields), else a screenplay, else prose: capitalised
 * words that are not common words and either recur, stand mid-sentence, or open one with a comma
 * after them ("Mara, a harbour pilot, …").
 */
export function namesIn(text: string): string[] {
  const names: string[] = []
  const add = (raw: string) => {
    const name = raw.replace(/\s+/g, ' ').trim()
    if (name !== '' && !names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name)
  }
  try {
    walk(JSON.parse(text), add)
  } catch {
    const parsed = parseScreenplay(text)
    for (const scene of parsed.scenes) scene.characters.forEach(add)
  }
  if (names.length > 0) return names
  const counts = new Map<string, number>()
  const likely = new Set<string>()
  for (const match of text.matchAll(/(?<![\p{L}\p{N}])\p{Lu}\p{Ll}{2,}(?![\p{L}\p{N}])/gu)) {
    const word = match[0]
    const lower = word.toLowerCase()
    if (STOPWORDS.has(lower) || lower in PLACE_WORDS) continue
    counts.set(word, (counts.get(word) ?? 0) + 1)
    const before = text.slice(0, match.index).trimEnd()
    const opensSentence = before === '' || /[.!?:;"”]$/.test(before)
    if (!opensSentence || text[match.index + word.length] === ',') likely.add(word)
  }
  return [...counts.entries()].filter(([word, n]) => n >= 2 || likely.has(word)).map(([word]) => word).slice(0, 4)
}

function walk(value: unknown, add: (name: string) => void, key = ''): void {
  if (typeof value === 'string') {
    if (key === 'speaker' || key === 'name' || key === 'characters') add(value)
  } else if (Array.isArray(value)) {
    for (const item of value) walk(item, add, key)
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walk(v, add, k)
  }
}
