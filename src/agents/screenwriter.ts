import { z } from 'zod'
import type { Script } from '../film.js'
import type { CallOptions, ChatModel } from '../providers/types.js'
import type { SpecCharacter } from '../spec/types.js'
import { askJson } from './ask-json.js'
import { SCENE_SHAPE, collapse, sceneAnswer, toScenes } from './script-answer.js'
import { withScriptDialogue } from './script-lines.js'
import { jsonSection, section, userPrompt } from './sections.js'

/*
 * The style never reaches these prompts: changing the look of a film must not change (or
 * re-buy) its script.
 */

export interface Story {
  readonly title: string
  readonly logline: string
  readonly synopsis: string
  readonly characters: readonly { readonly name: string; readonly description: string }[]
  /** One line per scene, in order; the script follows it. */
  readonly outline?: readonly string[]
}

export const storyAnswer = z.object({
  title: z.string().min(1),
  logline: z.string().min(1),
  synopsis: z.string().min(1),
  characters: z.array(z.object({ name: z.string().min(1), description: z.string() })).min(1),
  outline: z.array(z.string().min(1)).min(1).max(12),
})

export const scriptAnswer = z.object({ scenes: z.array(sceneAnswer).min(1) })

export const screenplayAnswer = z.object({
  title: z.string(),
  logline: z.string(),
  scenes: z.array(sceneAnswer).min(1),
})

const STORY_SYSTEM = `You are a screenwriter developing a short film of a few minutes.
From the idea in <IDEA> and the wishes in <REQUIREMENT> (if any), develop a story: a title, a one-sentence logline, a one-paragraph synopsis, the main characters (2 to 4, each with a name and one sentence on who they are and what they want; not their looks), and an outline with one line per scene, in order.
Use as many scenes as <REQUIREMENT> asks for; otherwise 3. Keep the names listed in <PINNED_CHARACTERS>, if any, for the main characters.
Write in the language given in <LANGUAGE> (a BCP 47 tag).
Answer with JSON only, in this shape:
{"title": string, "logline": string, "synopsis": string, "characters": [{"name": string, "description": string}], "outline": [string]}`

const SCRIPT_SYSTEM = `You are a screenwriter. Turn the story in <STORY> (JSON) into a screenplay: exactly one scene per line of its outline, in order.
For each scene give a slugline ("INT. PLACE - TIME" or "EXT. PLACE - TIME"), the action (2 to 4 present-tense sentences of what we see and hear; no camera directions), the dialogue (each line with the speaker's name as written in the story and the spoken words only: no parentheticals, no stage directions), and the names of every character who appears.
Keep scenes short: a film of a few minutes. Follow <REQUIREMENT> if given. Write action and dialogue in the language given in <LANGUAGE> (a BCP 47 tag).
Answer with JSON only, in this shape:
{"scenes": [${SCENE_SHAPE}]}`

const SCREENPLAY_SYSTEM = `You are a script supervisor. <SCRIPT> holds a screenplay a person wrote. Structure it without rewriting it.
Split it into scenes: a slugline (a line starting with INT., EXT. or INT./EXT.) starts a scene; with no sluglines the whole text is one scene with an empty slugline.
For each scene keep the slugline, the action text and every dialogue line exactly as written, in order and in the original language: do not add, drop, translate, shorten or improve anything.
Write speakers' names in normal capitalisation (Mira, not MIRA) and without extensions such as (V.O.) or (CONT'D); leave parentheticals out of the spoken words.
List in "characters" the names of everyone who speaks or appears in the scene.
Give the film a title (the screenplay's own, if it has one) and a one-sentence logline.
Answer with JSON only, in this shape:
{"title": string, "logline": string, "scenes": [${SCENE_SHAPE}]}`

export interface DevelopStoryInput {
  readonly idea: string
  readonly requirement?: string
  readonly language: string
  readonly seed: number
  /** Characters pinned in the spec; only their names reach the prompt. */
  readonly pinned?: readonly SpecCharacter[]
}

export async function developStory(chat: ChatModel, input: DevelopStoryInput, options?: CallOptions): Promise<Story> {
  const pinnedNames = (input.pinned ?? []).map((c) => ({ name: c.name }))
  const user = userPrompt(
    [
      section('IDEA', input.idea),
      section('REQUIREMENT', input.requirement),
      pinnedNames.length > 0 ? jsonSection('PINNED_CHARACTERS', pinnedNames) : '',
      section('LANGUAGE', input.language),
    ],
    'Develop the story. Answer with the JSON object only.',
  )
  const { value } = await askJson({
    chat,
    agent: 'screenwriter',
    subject: 'the story',
    name: 'story',
    schema: storyAnswer,
    request: { messages: [{ role: 'system', content: STORY_SYSTEM }, { role: 'user', content: user }], seed: input.seed },
    options,
  })
  return {
    title: collapse(value.title),
    logline: value.logline.trim(),
    synopsis: value.synopsis.trim(),
    characters: value.characters.map((c) => ({ name: collapse(c.name), description: c.description.trim() })),
    outline: value.outline.map((line) => line.trim()),
  }
}

export interface WriteScriptInput {
  readonly story: Story
  readonly requirement?: string
  readonly language: string
  readonly seed: number
}

export async function writeScript(chat: ChatModel, input: WriteScriptInput, options?: CallOptions): Promise<Script> {
  const user = userPrompt(
    [jsonSection('STORY', input.story), section('REQUIREMENT', input.requirement), section('LANGUAGE', input.language)],
    'Write the screenplay. Answer with the JSON object only.',
  )
  const { value } = await askJson({
    chat,
    agent: 'screenwriter',
    subject: 'the script',
    name: 'script',
    schema: scriptAnswer,
    request: { messages: [{ role: 'system', content: SCRIPT_SYSTEM }, { role: 'user', content: user }], seed: input.seed },
    options,
  })
  return { title: input.story.title, logline: input.story.logline, scenes: toScenes(value.scenes) }
}

export interface StructureScriptInput {
  readonly script: string
  readonly language: string
  readonly seed: number
}

export async function structureScript(chat: ChatModel, input: StructureScriptInput, options?: CallOptions): Promise<Script> {
  const user = userPrompt(
    [section('SCRIPT', input.script), section('LANGUAGE', input.language)],
    'Structure this screenplay, keeping its words. Answer with the JSON object only.',
  )
  const { value } = await askJson({
    chat,
    agent: 'screenwriter',
    subject: 'the screenplay',
    name: 'screenplay',
    schema: screenplayAnswer,
    request: { messages: [{ role: 'system', content: SCREENPLAY_SYSTEM }, { role: 'user', content: user }], seed: input.seed },
    options,
  })
  const scenes = toScenes(withScriptDialogue(value.scenes, input.script))
  const title = collapse(value.title) || 'Untitled'
  return { title, logline: value.logline.trim(), scenes }
}
