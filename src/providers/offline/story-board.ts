import { rngFrom } from './story-random.js'
import { asArray, asRecord, asString, jsonSection } from './story-sections.js'
import { CAMERA_MOVES, LIGHT } from './story-words.js'

interface Person {
  readonly name: string
  readonly appearance: string
  readonly outfit: string
}
interface Line {
  readonly speaker: string
  readonly line: string
}

const POSITIONS = ['on the left of the frame', 'on the right of the frame', 'in the centre', 'in the background']

/**
 * The offline storyboard artist: an establishing shot, then the scene's dialogue spread over
 * 2–4 more shots, each frame restating who is visible and what they look like and wear.
 */
export function storyboardAnswer(sections: ReadonlyMap<string, string>): unknown {
  const scene = asRecord(jsonSection(sections, 'SCENE'))
  const people: Person[] = asArray(jsonSection(sections, 'CHARACTERS')).map((c) => {
    const r = asRecord(c)
    return { name: asString(r.name).trim(), appearance: asString(r.appearance).trim(), outfit: asString(r.outfit).trim() }
  }).filter((p) => p.name !== '')
  const seconds = Number.parseFloat(sections.get('SHOT_SECONDS') ?? '') || 5
  const dialogue: Line[] = asArray(scene.dialogue).map((d) => {
    const r = asRecord(d)
    return { speaker: asString(r.speaker), line: asString(r.line) }
  }).filter((d) => d.line.trim() !== '')
  const slugline = asString(scene.slugline)
  const action = asString(scene.action)
  const rng = rngFrom('storyboard', asString(scene.id), slugline, action)

  const find = (name: string) => {
    const key = name.trim().toLowerCase()
    return people.find((p) => p.name.toLowerCase() === key) ?? people.find((p) => p.name.toLowerCase().split(/\s+/)[0] === key)
  }
  const listed = asArray(scene.characters).flatMap((n) => find(asString(n)) ?? [])
  const speakers = dialogue.flatMap((d) => find(d.speaker) ?? [])
  const present = unique([...listed, ...speakers])
  const setting = describeSetting(slugline)
  const firstSentence = /^[^.!?]*[.!?]/.exec(action.trim())?.[0] ?? action.trim()

  const count = Math.min(5, Math.max(3, dialogue.length + 1))
  const lines: Line[][] = Array.from({ length: count }, () => [])
  dialogue.forEach((d, i) => lines[1 + Math.floor((i * (count - 1)) / dialogue.length)]?.push(d))
  const moves = rng.sample(CAMERA_MOVES, CAMERA_MOVES.length)

  const shots = lines.map((spoken, index) => {
    const talkers = unique(spoken.flatMap((d) => find(d.speaker) ?? []))
    const listener = present.find((p) => !talkers.includes(p))
    const visible = index === 0 || talkers.length === 0 ? present : unique([...talkers, ...(listener ? [listener] : [])])
    const framing = index === 0 ? 'Wide establishing shot' : visible.length > 1 ? 'Medium two-shot' : 'Close-up'
    const who = visible.map((p, i) => {
      const looks = [lowerFirst(p.appearance), p.outfit ? `wearing ${lowerFirst(p.outfit)}` : ''].filter(Boolean).join(', ')
      const pose = i === 0 ? 'facing the camera' : `turned towards ${(visible[0] as Person).name}`
      return `${p.name}${looks ? ` (${looks})` : ''} ${POSITIONS[i % POSITIONS.length]}, ${pose}`
    })
    const firstFrame = [
      `${framing} ${setting}.`,
      ...who.map((w) => `${sentenceCase(w)}.`),
      index === 0 && firstSentence ? firstSentence : '',
    ].filter(Boolean).join(' ')
    const move = index === 0 ? 'Static wide shot, then a slow push in' : (moves[index % moves.length] as string)
    const motion =
      talkers.length > 0
        ? `${talkers.map((p) => p.name).join(' and ')} ${talkers.length > 1 ? 'speak' : 'speaks'}${listener ? `, ${listener.name} listens and reacts` : ''}`
        : visible.length > 0
          ? `${visible.map((p) => p.name).join(' and ')} ${visible.length > 1 ? 'move' : 'moves'} through the scene`
          : 'the setting breathes: light shifts, small things stir'
    return {
      firstFrame,
      videoPrompt: `${move}; ${motion}.`,
      characters: visible.map((p) => p.name),
      dialogue: spoken,
      seconds,
    }
  })
  return { shots }
}

/** "INT. LIGHTHOUSE - NIGHT" → "inside the lighthouse, night, in warm lamplight and deep shadows". */
export function describeSetting(slugline: string): string {
  const match = /^(INT\.?\s*\/\s*EXT\.?|EXT\.?\s*\/\s*INT\.?|INT\.|EXT\.)\s*(.*?)(?:\s+[-–—]\s+(.+))?$/i.exec(slugline.trim())
  if (!match) return slugline.trim() === '' ? 'of the setting' : `of ${slugline.trim().toLowerCase()}`
  const place = (match[2] ?? '').toLowerCase() || 'setting'
  const time = (match[3] ?? '').toUpperCase()
  const inside = /^INT\.$/i.test(match[1] ?? '')
  const where = `${inside ? 'inside' : 'of'} the ${place.replace(/^the\s+/, '')}`
  const light = LIGHT[time]
  return light ? `${where}, ${time.toLowerCase()}, in ${light}` : where
}

function unique(people: readonly Person[]): Person[] {
  return people.filter((p, i) => people.indexOf(p) === i)
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function lowerFirst(text: string): string {
  const trimmed = text.trim().replace(/[.]$/, '')
  return /^(A|An|The)\s/.test(trimmed) ? trimmed.charAt(0).toLowerCase() + trimmed.slice(1) : trimmed
}
