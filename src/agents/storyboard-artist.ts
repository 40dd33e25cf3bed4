import { z } from 'zod'
import type { Character, DialogueLine, Scene, Shot } from '../film.js'
import type { CallOptions, ChatModel } from '../providers/types.js'
import { askJson } from './ask-json.js'
import { castIndex, sceneCast } from './cast-lookup.js'
import { jsonSection, section, userPrompt } from './sections.js'
import { placeLines } from './place-lines.js'

export const storyboardAnswer = z.object({
  shots: z
    .array(
      z.object({
        firstFrame: z.string().min(1),
        videoPrompt: z.string().min(1),
        characters: z.array(z.string()),
        dialogue: z.array(z.object({ speaker: z.string(), line: z.string() })),
        // Models sometimes write "5"; 0 or null fall back to the default length.
        seconds: z.coerce.number(),
      }),
    )
    .min(1)
    .max(12),
})

const STORYBOARD_SYSTEM = `You are the storyboard artist of a short film. Break the scene in <SCENE> (JSON) into 3 to 6 shots that tell it on screen, in order (fewer for a very short scene).
For each shot give:
- "firstFrame": a static description of the shot's first frame as a single image — framing (wide, medium, close-up), setting, lighting, and each visible character by name with position in frame, pose and facing direction, restating their appearance and outfit from <CHARACTERS>. Every frame is drawn on its own: never write "as before" or "the same".
- "videoPrompt": what happens during the shot — the camera (static, dolly in, pan left, tracking, over-the-shoulder…) and how characters and things move, naming characters by their visible traits.
- "characters": the names, as in <CHARACTERS>, of the characters visible in the first frame.
- "dialogue": the scene's lines spoken during this shot, copied word for word with their speakers. Every line of the scene's dialogue belongs to exactly one shot, in the scene's order.
- "seconds": the shot's length, normally <SHOT_SECONDS>, between 1 and 20; leave time for its dialogue.
Write firstFrame and videoPrompt in English, for image and video models; keep dialogue in its own language (<LANGUAGE>). Follow <REQUIREMENT> if given.
Answer with JSON only, in this shape:
{"shots": [{"firstFrame": string, "videoPrompt": string, "characters": [string], "dialogue": [{"speaker": string, "line": string}], "seconds": number}]}`

export interface StoryboardInput {
  readonly scene: Scene
  readonly cast: readonly Character[]
  /** The spec's default shot length; the model's lengths are clamped to 1–20 s. */
  readonly shotSeconds: number
  readonly requirement?: string
  readonly language: string
  readonly seed: number
}

export async function designStoryboard(chat: ChatModel, input: StoryboardInput, options?: CallOptions): Promise<Shot[]> {
  const { scene } = input
  const shotSeconds = clampSeconds(input.shotSeconds, 5)
  // Only the scene's characters: recasting one character must not redraw every scene's board.
  const present = sceneCast(scene, input.cast)
  const characters = present.map((c) => ({ name: c.name, appearance: c.appearance, outfit: c.outfit }))
  const sceneJson = { id: scene.id, slugline: scene.slugline, action: scene.action, dialogue: scene.dialogue, characters: scene.characters }
  const user = userPrompt(
    [
      jsonSection('SCENE', sceneJson),
      jsonSection('CHARACTERS', characters),
      section('SHOT_SECONDS', String(shotSeconds)),
      section('REQUIREMENT', input.requirement),
      section('LANGUAGE', input.language),
    ],
    `Design the storyboard of scene ${scene.id}. Answer with the JSON object only.`,
  )
  const subject = `scene ${scene.id}`
  const { value } = await askJson({
    chat,
    agent: 'storyboard artist',
    subject,
    name: 'storyboard',
    schema: storyboardAnswer,
    request: { messages: [{ role: 'system', content: STORYBOARD_SYSTEM }, { role: 'user', content: user }], seed: input.seed },
    options,
  })

  const lookup = castIndex(input.cast)
  // The scene's lines, placed where the model put its (perhaps reworded) copies.
  const dialogue: DialogueLine[][] = placeLines(
    scene.dialogue,
    value.shots.map((shot) => shot.dialogue),
  )
  return value.shots.map((shot, index) => ({
    id: `${scene.id}.${index + 1}`,
    sceneId: scene.id,
    firstFrame: shot.firstFrame.trim(),
    videoPrompt: shot.videoPrompt.trim(),
    characters: [...new Set(shot.characters.flatMap((name) => lookup(name)?.id ?? []))],
    dialogue: dialogue[index] ?? [],
    seconds: clampSeconds(shot.seconds, shotSeconds),
    take: 0,
  }))
}

/** A usable length in seconds: the fallback when missing or not positive, then 1–20, one decimal. */
export function clampSeconds(value: number, fallback: number): number {
  const seconds = Number.isFinite(value) && value > 0 ? value : fallback
  return Math.round(Math.min(20, Math.max(1, seconds)) * 10) / 10
}
