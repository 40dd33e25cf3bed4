import { EXCHANGES, OUTLINE, beatsFor, fill, type Beat } from './story-beats.js'
import { capitalise, readIdea, sceneCount } from './story-idea.js'
import { rngFrom } from './story-random.js'
import { asArray, asRecord, asString, jsonSection } from './story-sections.js'
import { COMPANIONS, FALLBACK_PLACES, LIGHT, NAMES, OCCUPATIONS, PLACE_WORDS, WANTS, type Place } from './story-words.js'

/** The offline screenwriter's story: everything derived from the idea's words and the seed. */
export function writeStory(sections: ReadonlyMap<string, string>, seed: number): unknown {
  const idea = sections.get('IDEA') ?? ''
  const requirement = sections.get('REQUIREMENT')
  const rng = rngFrom('story', idea, requirement ?? '', seed)
  const facts = readIdea(idea)
  const pinned = asArray(jsonSection(sections, 'PINNED_CHARACTERS')).map((c) => asString(asRecord(c).name).trim()).filter((n) => n !== '')

  const names: string[] = []
  const add = (name: string) => {
    if (names.length < 4 && !names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name)
  }
  pinned.forEach(add)
  facts.names.forEach(add)
  const target = Math.max(Math.min(names.length, 4), rng.int(2, 3))
  for (const candidate of rng.sample(NAMES, NAMES.length)) {
    if (names.length >= target) break
    add(candidate.name)
  }
  const [a = 'Mira', b = 'Theo'] = names
  const wants = rng.sample(WANTS, names.length)
  const companions = rng.sample(COMPANIONS, names.length)
  const characters = names.map((name, i) => {
    const want = wants[i] ?? WANTS[0]
    if (i > 0) return { name, description: `${capitalise(fill(companions[i] ?? COMPANIONS[0], { A: a }))}, ${want}.` }
    const role = facts.role ?? rng.pick(OCCUPATIONS)
    const who = /[^s]s$/.test(role) ? `One of the ${role}` : `${/^[aeiou]/i.test(role) ? 'An' : 'A'} ${role}`
    return { name, description: `${who} ${want}.` }
  })

  const main = facts.places[0] ?? rng.pick(FALLBACK_PLACES)
  const away = facts.places[1] ?? rng.pick(FALLBACK_PLACES.filter((p) => p.name !== main.name))
  const values = { A: a, B: b, s: facts.subject, place: placeName(main), away: placeName(away) }
  const outline = beatsFor(sceneCount(requirement) ?? 3).map((beat) => fill(OUTLINE[beat], values))
  const subject = capitalise(facts.subject)
  const title = fill(rng.pick(['The {S}', '{A} and the {S}', 'Where the {S} Waits', 'The Last {S}', 'A {S} for {A}']), { S: subject, A: a })
  const twist = rng.pick([
    ', and {A} has to decide what the {s} is really worth.',
    ', but {B} is not ready to let go.',
    '; by the end, {A} and {B} learn what the {s} means to them.',
  ])
  const logline = facts.sentence.replace(/[.!?]$/, '') + fill(twist, values)
  return { title, logline, synopsis: `${facts.sentence} ${outline.join(' ')}`, characters, outline }
}

const TIME_OF: { readonly [beat in Beat]: string } = {
  opening: 'MORNING', inciting: 'DAY', complication: 'DUSK', crisis: 'NIGHT', climax: 'NIGHT', resolution: 'DAWN',
}
const AWAY_BEATS = new Set<Beat>(['complication', 'crisis', 'climax'])

/** The offline screenwriter's script: one scene per outline line of the story in <STORY>. */
export function writeScript(sections: ReadonlyMap<string, string>, seed: number): unknown {
  const story = asRecord(jsonSection(sections, 'STORY'))
  const rng = rngFrom('script', sections.get('STORY') ?? '', seed)
  const names = asArray(story.characters).map((c) => asString(asRecord(c).name).trim()).filter((n) => n !== '')
  const [a = 'Mira', b = names[0] === 'Theo' ? 'Ada' : 'Theo', c] = names
  const outline = asArray(story.outline).map((line) => asString(line)).filter((line) => line.trim() !== '')
  const count = Math.min(6, outline.length || (sceneCount(sections.get('REQUIREMENT')) ?? 3))
  const beats = beatsFor(count)
  const text = `${asString(story.logline)} ${asString(story.synopsis)}`
  const facts = readIdea(asString(story.logline) || asString(story.title))
  const main = findPlace(text) ?? rng.pick(FALLBACK_PLACES)
  const away = findPlace(text, main) ?? rng.pick(FALLBACK_PLACES.filter((p) => p.name !== main.name))

  let previous = main
  const scenes = beats.map((beat, i) => {
    const line = outline[i] ?? fill(OUTLINE[beat], { A: a, B: b, s: facts.subject, place: placeName(main), away: placeName(away) })
    const place = findPlace(line) ?? (beat === 'inciting' ? previous : AWAY_BEATS.has(beat) ? away : main)
    previous = place
    const time = TIME_OF[beat]
    const values = { A: a, B: b, s: facts.subject, place: placeName(place), away: placeName(away) }
    const lines = rng.int(2, 4)
    const speakers = [a, b, c !== undefined && AWAY_BEATS.has(beat) ? c : a, b]
    const dialogue = EXCHANGES[beat].slice(0, lines).map((template, k) => ({ speaker: speakers[k] as string, line: fill(template, values) }))
    const present = [...new Set(dialogue.map((d) => d.speaker))]
    const action = [
      /[.!?]$/.test(line.trim()) ? line.trim() : `${line.trim()}.`,
      `The ${placeName(place)} lies in ${LIGHT[time] ?? 'soft light'}.`,
      ...(present.length > 1 ? [`${present[1]} watches ${present[0]} closely.`] : []),
    ].join(' ')
    return { slugline: `${place.exterior ? 'EXT.' : 'INT.'} ${place.name} - ${time}`, action, dialogue, characters: present }
  })
  return { scenes }
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
