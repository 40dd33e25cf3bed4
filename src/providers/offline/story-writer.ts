import { namesInIdea } from './idea-names.js'
import { ideaPhrase } from './idea-phrases.js'
import { bankFor, quoted, type LineBank } from './line-bank.js'
import { MAX_SCENES, beatsFor, fill, type Beat } from './story-beats.js'
import { cleanSentence, sceneCount } from './story-idea.js'
import { rngFrom } from './story-random.js'
import { asArray, asRecord, asString, jsonSection } from './story-sections.js'
import { FALLBACK_PLACES, NAMES, PLACE_WORDS, type Place } from './story-words.js'

/**
 * The offline screenwriter's story, in the request's language: the cast the spec or the idea
 * names (invented names only when it names nobody), one outline line per requested scene, and a
 * phrase of the idea quoted whole.
 */
export function writeStory(sections: ReadonlyMap<string, string>, seed: number): unknown {
  const idea = sections.get('IDEA') ?? ''
  const requirement = sections.get('REQUIREMENT')
  const { bank } = bankFor(sections.get('LANGUAGE'))
  const rng = rngFrom('story', idea, requirement ?? '', seed)
  const pinned = asArray(jsonSection(sections, 'PINNED_CHARACTERS')).map((c) => asString(asRecord(c).name).trim()).filter((n) => n !== '')

  const names: string[] = []
  const add = (name: string) => {
    if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name)
  }
  pinned.forEach(add)
  namesInIdea(idea).forEach(add)
  if (names.length === 0) rng.sample(NAMES, rng.int(2, 3)).forEach((n) => add(n.name))
  const [a = 'Mira', b = a] = names
  const leads = rng.sample(bank.companions, names.length)
  const characters = names.map((name, i) => ({
    name,
    description: fill(i === 0 ? rng.pick(bank.leads) : (leads[i] ?? (bank.companions[0] as string)), { A: a, B: name }),
  }))

  const q = quoted(bank, ideaPhrase(idea, names, rng))
  const outline = beatsFor(sceneCount(requirement) ?? 3).map((beat, i) => outlineLine(bank, beat, names, i, q))
  const solo = names.length < 2
  const title = fill(rng.pick(bank.titles.filter((t) => !solo || !t.includes('{B}'))), { A: a, B: b })
  const twist = fill(rng.pick(bank.twists.filter((t) => !solo || !t.includes('{B}'))), { A: a, B: b })
  const sentence = cleanSentence(idea)
  const logline = sentence.replace(/[.!?。！？]$/, '') + twist
  return { title, logline, synopsis: `${sentence} ${outline.join(' ')}`, characters, outline }
}

const TIME_OF: { readonly [beat in Beat]: string } = {
  opening: 'MORNING', inciting: 'DAY', complication: 'DUSK', crisis: 'NIGHT', climax: 'NIGHT', resolution: 'DAWN',
}
const AWAY_BEATS = new Set<Beat>(['complication', 'crisis', 'climax'])

/**
 * The offline screenwriter's script: one scene per outline line of the story in <STORY>, its
 * lines in the request's language. Every character of the story is in some scene (the last one
 * gathers them all), so nobody is cast, and drawn, for nothing.
 */
export function writeScript(sections: ReadonlyMap<string, string>, seed: number): unknown {
  const story = asRecord(jsonSection(sections, 'STORY'))
  const { bank } = bankFor(sections.get('LANGUAGE'))
  const rng = rngFrom('script', sections.get('STORY') ?? '', seed)
  const named = asArray(story.characters).map((c) => asString(asRecord(c).name).trim()).filter((n) => n !== '')
  const names = named.length > 0 ? named : ['Mira', 'Theo']
  const a = names[0] as string
  const outline = asArray(story.outline).map((line) => asString(line)).filter((line) => line.trim() !== '')
  const count = Math.min(MAX_SCENES, outline.length || (sceneCount(sections.get('REQUIREMENT')) ?? 3))
  const beats = beatsFor(count)
  const text = `${asString(story.logline)} ${asString(story.synopsis)}`
  const q = quotedIn(`${outline.join(' ')} ${text}`, bank) ?? quoted(bank, ideaPhrase(asString(story.logline) || asString(story.title), names, rng))
  const main = findPlace(text) ?? rng.pick(FALLBACK_PLACES)
  const away = findPlace(text, main) ?? rng.pick(FALLBACK_PLACES.filter((p) => p.name !== main.name))

  let previous = main
  const told = new Map<Beat, number>()
  const scenes = beats.map((beat, i) => {
    const line = outline[i] ?? outlineLine(bank, beat, names, i, q)
    const place = findPlace(line) ?? (beat === 'inciting' ? previous : AWAY_BEATS.has(beat) ? away : main)
    previous = place
    const time = TIME_OF[beat]
    const partner = partnerFor(names, i)
    // A beat told again (long films) starts further into its exchange.
    const turn = told.get(beat) ?? 0
    told.set(beat, turn + 1)
    const exchange = bank.exchanges[beat]
    const speakers = partner === undefined ? [a] : [a, partner]
    const dialogue = Array.from({ length: rng.int(2, 4) }, (_, k) => ({
      speaker: speakers[k % speakers.length] as string,
      line: fill(exchange[(k + turn * 2) % exchange.length] as string, { A: a, q }),
    }))
    const present = [...new Set([...dialogue.map((d) => d.speaker), ...(i === beats.length - 1 ? names : [])])]
    const action = [
      /[.!?。！？]$/.test(line.trim()) ? line.trim() : `${line.trim()}.`,
      bank.times[time] ?? '',
      ...(partner !== undefined ? [fill(bank.watches, { A: a, B: partner })] : []),
    ].filter((s) => s !== '').join(' ')
    return { slugline: `${place.exterior ? 'EXT.' : 'INT.'} ${place.name} - ${time}`, action, dialogue, characters: present }
  })
  return { scenes }
}

/** The character the protagonist shares scene `index` with: the others take turns. */
export function partnerFor(names: readonly string[], index: number): string | undefined {
  return names.length < 2 ? undefined : names[1 + (index % (names.length - 1))]
}

function outlineLine(bank: LineBank, beat: Beat, names: readonly string[], index: number, q: string): string {
  const partner = partnerFor(names, index)
  const template = partner === undefined ? bank.soloOutline[beat] : bank.outline[beat]
  return fill(template, { A: names[0] ?? 'Mira', B: partner ?? '', q })
}

/** The first phrase the story quotes in the bank's quotation marks, marks included. */
function quotedIn(text: string, bank: LineBank): string | undefined {
  const [open, close] = bank.quotes
  const start = text.indexOf(open)
  const end = start === -1 ? -1 : text.indexOf(close, start + open.length)
  return end === -1 ? undefined : text.slice(start, end + close.length)
}

export function placeName(place: Place): string {
  return place.name.toLowerCase()
}

/** The first setting a text names (a known idea word or a fallback place), other than `not`. */
export function findPlace(text: string, not?: Place): Place | undefined {
  const lower = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `
  let best: { place: Place; at: number } | undefined
  const consider = (phrase: string, place: Place) => {
    const at = lower.indexOf(` ${phrase} `)
    if (at !== -1 && place.name !== not?.name && (best === undefined || at < best.at)) best = { place, at }
  }
  for (const [word, place] of Object.entries(PLACE_WORDS)) consider(word, place)
  for (const place of FALLBACK_PLACES) consider(placeName(place), place)
  return best?.place
}
