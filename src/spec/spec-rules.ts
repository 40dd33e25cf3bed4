import type { SpecPath, SpecProblem } from './spec-problem.js'

/*
 * Rules that span fields. They read the raw parsed data defensively (any field may have the wrong
 * type), so they run even when the schema has already found problems: one pass reports all.
 */

const ENTRY_POINTS = ['idea', 'script', 'scenes'] as const
const STORYBOARD_ONLY = ['story_overview', 'consistency_type', 'metadata'] as const

type Data = Record<string, unknown>

function isRecord(value: unknown): value is Data {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

function has(data: Data, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(data, key) && data[key] !== undefined
}

function joinAnd(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

export function specRuleProblems(data: unknown): SpecProblem[] {
  if (!isRecord(data)) return []
  return [...entryPointProblems(data), ...shotIdProblems(data), ...sceneNumberProblems(data), ...characterProblems(data)]
}

function entryPointProblems(data: Data): SpecProblem[] {
  const present = ENTRY_POINTS.filter((key) => has(data, key))
  if (present.length === 0) {
    return [{ path: [], text: 'expected exactly one of idea, script or scenes, got none of them' }]
  }
  const problems: SpecProblem[] = []
  const second = present[1]
  if (second !== undefined) {
    const text = `expected exactly one of idea, script or scenes, got ${joinAnd(present)}`
    problems.push({ path: [second], atKey: true, text })
  }
  if (!present.includes('scenes')) {
    for (const key of STORYBOARD_ONLY.filter((k) => has(data, k))) {
      problems.push({ path: [key], atKey: true, text: `only allowed with scenes (a storyboard), got it with ${present[0]}` })
    }
  }
  return problems
}

/** Keys that collide: 3 and "3" are the same shot id. */
function shotIdKey(id: unknown): string | undefined {
  if (typeof id === 'number' && Number.isFinite(id)) return String(id)
  if (typeof id === 'string' && id.trim() !== '') return id.trim()
  return undefined
}

function shotIdProblems(data: Data): SpecProblem[] {
  const seen = new Map<string, SpecPath>()
  const problems: SpecProblem[] = []
  listOf(data['scenes']).forEach((scene, s) => {
    if (!isRecord(scene)) return
    listOf(scene['shots']).forEach((shot, n) => {
      if (!isRecord(shot)) return
      const key = shotIdKey(shot['shot_id'])
      if (key === undefined) return
      const path = ['scenes', s, 'shots', n, 'shot_id']
      const first = seen.get(key)
      if (first === undefined) seen.set(key, path)
      else problems.push({ path, text: `duplicate shot id ${JSON.stringify(key)}`, firstAt: first })
    })
  })
  return problems
}

/** Scenes without scene_num take their position, so an explicit number can collide with one. */
function sceneNumberProblems(data: Data): SpecProblem[] {
  const seen = new Map<number, SpecPath>()
  const problems: SpecProblem[] = []
  listOf(data['scenes']).forEach((scene, s) => {
    if (!isRecord(scene)) return
    const given = scene['scene_num']
    const explicit = typeof given === 'number' && Number.isInteger(given)
    const number = explicit ? given : s + 1
    const path: SpecPath = explicit ? ['scenes', s, 'scene_num'] : ['scenes', s]
    const first = seen.get(number)
    if (first === undefined) seen.set(number, path)
    else problems.push({ path, text: `duplicate scene number ${number}`, firstAt: first })
  })
  return problems
}

/** Names compare as their casting slug would: case and spacing do not tell two people apart. */
function nameKey(name: unknown): string | undefined {
  return typeof name === 'string' && name.trim() !== '' ? name.trim().toLowerCase().replace(/\s+/g, ' ') : undefined
}

function characterProblems(data: Data): SpecProblem[] {
  const seen = new Map<string, SpecPath>()
  const problems: SpecProblem[] = []
  listOf(data['characters']).forEach((character, c) => {
    if (!isRecord(character)) return
    const key = nameKey(character['name'])
    if (key === undefined) return
    const path = ['characters', c, 'name']
    const first = seen.get(key)
    if (first === undefined) seen.set(key, path)
    else {
      const name = JSON.stringify(String(character['name']).trim())
      problems.push({ path, text: `duplicate character name ${name}`, firstAt: first })
    }
  })
  return problems
}
