import { z } from 'zod'
import type { Character } from '../film.js'
import type { CallOptions, ChatModel } from '../providers/types.js'
import type { SpecCharacter } from '../spec/types.js'
import { askJson } from './ask-json.js'
import { collapse } from './script-answer.js'
import { jsonSection, section, userPrompt } from './sections.js'

export const castAnswer = z.object({
  characters: z.array(z.object({ name: z.string().min(1), appearance: z.string(), outfit: z.string() })),
})

const CAST_SYSTEM = `You are the casting director and costume designer of a short film.
Read <SCRIPT> and list every character who is seen on screen (skip unseen voices, crowds and unnamed extras).
For each character give:
- "name": as written in the script, in normal capitalisation (Mira, not MIRA);
- "appearance": what must stay the same in every shot — apparent age, build and height, skin tone, face (shape, eyes, distinctive features), hair (colour, length, style);
- "outfit": what they wear throughout the film — garments with colours and materials, shoes, accessories.
Be concrete and visual, one or two sentences each; no personality, no actors' names.
Include every character listed in <PINNED_CHARACTERS> under that name, keeping the appearance and outfit given there.
Answer with JSON only, in this shape:
{"characters": [{"name": string, "appearance": string, "outfit": string}]}`

export interface CastInput {
  /** The script or story the characters come from. */
  readonly text: string
  /** Characters from the spec: their appearance and outfit win over the model's. */
  readonly pinned: readonly SpecCharacter[]
  readonly seed: number
}

export async function castCharacters(chat: ChatModel, input: CastInput, options?: CallOptions): Promise<Character[]> {
  const pinned = input.pinned.map((c) => ({
    name: c.name,
    ...(c.appearance === undefined ? {} : { appearance: c.appearance }),
    ...(c.outfit === undefined ? {} : { outfit: c.outfit }),
  }))
  const user = userPrompt(
    [section('SCRIPT', input.text), pinned.length > 0 ? jsonSection('PINNED_CHARACTERS', pinned) : ''],
    'List the cast. Answer with the JSON object only.',
  )
  const { value } = await askJson({
    chat,
    agent: 'casting',
    subject: 'the cast',
    name: 'cast',
    schema: castAnswer,
    request: { messages: [{ role: 'system', content: CAST_SYSTEM }, { role: 'user', content: user }], seed: input.seed },
    options,
  })
  return mergeCast(value.characters, input.pinned)
}

/** The model's cast with pinned characters overriding by name and added when missing; unique slug ids. */
export function mergeCast(
  answer: readonly { name: string; appearance: string; outfit: string }[],
  pinned: readonly SpecCharacter[],
): Character[] {
  const byKey = new Map<string, { name: string; appearance: string; outfit: string }>()
  for (const character of answer) {
    const name = collapse(character.name)
    const key = name.toLowerCase()
    if (name === '' || byKey.has(key)) continue
    byKey.set(key, { name, appearance: character.appearance.trim(), outfit: character.outfit.trim() })
  }
  for (const pin of pinned) {
    const name = collapse(pin.name)
    const key = name.toLowerCase()
    if (name === '') continue
    const found = byKey.get(key)
    byKey.set(key, {
      name,
      appearance: pin.appearance?.trim() || found?.appearance || '',
      outfit: pin.outfit?.trim() || found?.outfit || '',
    })
  }
  const used = new Set<string>()
  return [...byKey.values()].map((character) => ({ id: uniqueId(slugify(character.name), used), ...character }))
}

/**
 * A file-name-safe id from a name: "Mira Okafor" → "mira-okafor", "Zoë" → "zoe". Letters of any
 * script and digits survive; everything else (slashes, dots, spaces) becomes a single hyphen.
 */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  return slug === '' ? 'character' : slug
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`
  used.add(id)
  return id
}
