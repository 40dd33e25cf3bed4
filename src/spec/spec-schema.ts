import { z } from 'zod'

/*
 * The spec's shape, field by field. Every custom `error` is the "expected …" half of a problem
 * ("a number > 0"): spec-problems.ts adds the path, the position and what was found instead.
 * Rules spanning several fields (exactly one entry point, unique ids) live in spec-rules.ts,
 * because zod skips refinements once a field has failed and we report every problem at once.
 */

export const ASPECT_RATIOS = ['16:9', '9:16', '1:1'] as const

/** The mix's loudness target when the spec names none: streaming's -14 LUFS, -1 dBTP. */
export const SOUND_DEFAULTS = { integrated: -14, truePeak: -1 } as const

export const SPEC_DEFAULTS = {
  aspect_ratio: '16:9',
  shot_seconds: 4,
  seed: 0,
  language: 'en',
} as const

/** Shot ids end up in file names, so string ids keep to a safe alphabet. */
const SHOT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/
const ID_CHARS = 'an id of letters, digits, ".", "_" or "-"'
const MODEL_PATTERN = /^[A-Za-z0-9][\w.-]*(:\S.*)?$/
const LANGUAGE_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/
/** "Speaker: line" — a speaker before the first colon and some words after it. */
const DIALOGUE_PATTERN = /^[^:\n]*[^\s:][^:\n]*:\s*\S/

/** zod reports a non-number given to z.int() as "expected number"; say integer either way. */
const integer = () => z.int({ error: 'an integer' })

const text = (description: string) => z.string().trim().min(1).describe(description)

const seconds = (description: string) =>
  z.number().gt(0).max(60, { error: 'a number of seconds ≤ 60' }).describe(description)

const modelChoice = (role: string, example: string) =>
  z
    .string()
    .trim()
    .regex(MODEL_PATTERN, { error: '"provider" or "provider:model"' })
    .describe(`The ${role} model as "provider:model" (e.g. "${example}"), or "provider" for its default model.`)
    .optional()

const dialogueLine = z
  .union(
    [
      z
        .string()
        .trim()
        .regex(DIALOGUE_PATTERN, { error: 'a "Speaker: line" string' })
        .describe('A line as "Speaker: what they say".'),
      z
        .strictObject({
          speaker: text('Who speaks, as named in characters.'),
          line: text('What they say.'),
        })
        .describe('A line as {speaker, line}.'),
    ],
    { error: 'a "Speaker: line" string or a {speaker, line} mapping' },
  )
  .describe('One line of dialogue spoken during the shot.')

const shotSchema = z
  .strictObject({
    shot_id: z
      .union([integer().min(1, { error: 'an integer ≥ 1' }), z.string().trim().regex(SHOT_ID_PATTERN, { error: ID_CHARS })], {
        error: `an integer ≥ 1 or ${ID_CHARS}`,
      })
      .describe(
        'Unique across the whole spec (3 and "3" are the same id). The ViMax benchmark numbers shots 1, 2, 3, … across scenes.',
      ),
    first_frame: text('Static description of the first frame: who is where, wearing what, in which light.'),
    video_prompt: text('Camera and motion for the clip: lens, framing, camera move, what happens.'),
    seconds: seconds('Length of this shot in seconds; defaults to shot_seconds.').optional(),
    characters: z
      .array(text('A character name.'))
      .describe('Names of the characters visible in the first frame.')
      .optional(),
    dialogue: z
      .array(dialogueLine)
      .describe('Dialogue spoken during the shot, in order; becomes subtitles.')
      .optional(),
  })
  .describe('One shot: a first frame, then a clip that starts from it.')

const sceneSchema = z
  .strictObject({
    scene_num: integer()
      .min(1, { error: 'an integer ≥ 1' })
      .describe('1-based scene number; defaults to the position in the list.')
      .optional(),
    slugline: text('Screenplay heading such as "INT. KITCHEN - NIGHT".').optional(),
    shots: z.array(shotSchema).min(1, { error: 'at least one shot' }).describe('The shots of the scene, in order.'),
  })
  .describe('One scene of the storyboard.')

const characterSchema = z
  .strictObject({
    name: text('The name used in the script, shots and dialogue; unique in the spec.'),
    appearance: text('Face, body, hair: what must not change from shot to shot.').optional(),
    outfit: text('What they wear throughout the film.').optional(),
    voice: text("A voice id of the speech model (e.g. \"greta\" offline); casting picks one by appearance otherwise.").optional(),
    voice_style: text('How they speak, sent as style instructions to speech models that take them (gpt-4o-mini-tts, Gemini): "gruff, weary, slow".').optional(),
  })
  .describe('A character whose look is pinned rather than left to casting.')

const loudnessSchema = z
  .strictObject({
    integrated: z
      .number()
      .min(-70, { error: 'a loudness in LUFS between -70 and -5' })
      .max(-5, { error: 'a loudness in LUFS between -70 and -5' })
      .default(SOUND_DEFAULTS.integrated)
      .describe('Integrated loudness of the final soundtrack, LUFS (EBU R128).'),
    true_peak: z
      .number()
      .min(-9, { error: 'a true peak in dBTP between -9 and 0' })
      .max(0, { error: 'a true peak in dBTP between -9 and 0' })
      .default(SOUND_DEFAULTS.truePeak)
      .describe('Ceiling for the true peak, dBTP.'),
  })
  .describe('The loudness target of the mix.')

export const specSchema = z
  .strictObject({
    title: text('Title of the film.').optional(),
    idea: text(
      'Entry point 1: an idea; vimax develops the story and a script. Give exactly one of idea, script or scenes.',
    ).optional(),
    script: text(
      'Entry point 2: a screenplay with sluglines (INT. KITCHEN - NIGHT), action lines and dialogue ' +
        '(NAME on its own line then the line, or NAME: line). Give exactly one of idea, script or scenes.',
    ).optional(),
    scenes: z
      .array(sceneSchema)
      .min(1, { error: 'at least one scene' })
      .describe(
        'Entry point 3: a full storyboard of scenes and shots (the ViMax benchmark shape). ' +
          'Give exactly one of idea, script or scenes.',
      )
      .optional(),
    story_overview: text('Storyboard only: a one-paragraph summary of the story.').optional(),
    consistency_type: text('Storyboard only: the ViMax benchmark type ("Type A", "Type B", "Type C"); informational.').optional(),
    metadata: z
      .record(z.string(), z.unknown())
      .describe('Storyboard only: free-form data carried by ViMax benchmark files; ignored.')
      .optional(),
    requirement: text('What the film must be, e.g. "three scenes, about a minute".').optional(),
    style: text('Visual style applied to every frame, e.g. "hand-painted watercolour, soft light".').optional(),
    aspect_ratio: z
      .enum(ASPECT_RATIOS)
      .default(SPEC_DEFAULTS.aspect_ratio)
      .describe('Frame shape: 16:9 landscape, 9:16 portrait or 1:1 square.'),
    shot_seconds: seconds('Default length of a shot in seconds.').default(SPEC_DEFAULTS.shot_seconds),
    seed: integer()
      .min(0, { error: 'an integer ≥ 0' })
      .default(SPEC_DEFAULTS.seed)
      .describe('Seed passed to image and video models that accept one.'),
    characters: z.array(characterSchema).default([]).describe('Characters whose appearance is pinned; names unique.'),
    models: z
      .strictObject({
        chat: modelChoice('chat (text)', 'openai:gpt-4.1-mini'),
        image: modelChoice('image', 'openai:gpt-image-1'),
        video: modelChoice('video', 'openai:sora-2'),
        speech: modelChoice('speech (the voices)', 'openai:gpt-4o-mini-tts'),
        music: modelChoice('music', 'elevenlabs:music_v1'),
      })
      .default({})
      .describe('Models for this spec, overriding the configured defaults.'),
    language: z
      .string()
      .trim()
      .regex(LANGUAGE_PATTERN, { error: 'a language tag such as "en" or "pt-BR"' })
      .default(SPEC_DEFAULTS.language)
      .describe('BCP 47 tag of the dialogue and subtitles, e.g. "en" or "pt-BR".'),
    narrator: z
      .union([z.literal(false, { error: 'false or a {voice} mapping' }), z.strictObject({ voice: text('A voice id of the speech model.').optional() })], {
        error: 'false or a {voice} mapping',
      })
      .describe('Lines spoken by "Narrator": {voice} pins its voice; false leaves them as subtitles only.')
      .optional(),
    music: z
      .union(
        [
          z.literal(false, { error: 'false or a {prompt, volume} mapping' }),
          z.strictObject({
            prompt: text('What the music sounds like, e.g. "slow strings, uneasy, no vocals".').optional(),
            volume: z
              .number()
              .min(-40, { error: 'a level in LU between -40 and 0' })
              .max(0, { error: 'a level in LU between -40 and 0' })
              .describe('Level of the music relative to dialogue, LU (default -12).')
              .optional(),
          }),
        ],
        { error: 'false or a {prompt, volume} mapping' },
      )
      .describe('The music bed under the film; false for none. By default one bed in the mood of the story.')
      .optional(),
    audio: z
      .union([z.literal(false, { error: 'false or a {loudness} mapping' }), z.strictObject({ loudness: loudnessSchema.optional() })], {
        error: 'false or a {loudness} mapping',
      })
      .describe('The soundtrack: false keeps the film silent; loudness sets the mix target.')
      .optional(),
  })
  .describe('A vimax spec: one of idea, script or scenes, plus optional common settings.')

/** What the schema produces: defaults filled, strings trimmed, but ids not yet normalised. */
export type SpecData = z.output<typeof specSchema>
export type SpecShotData = z.output<typeof shotSchema>
export type DialogueLineData = z.output<typeof dialogueLine>
