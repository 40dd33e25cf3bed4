import type { DialogueLine } from '../film.js'
import { SOUND_DEFAULTS, type DialogueLineData, type SpecData, type SpecShotData } from './spec-schema.js'
import type { ModelChoice, ResolvedSpec, SoundSettings, SpecCharacter, SpecScene, SpecShot, SpecSource } from './types.js'

export interface SpecFileInfo {
  /** Absolute path of the spec file. */
  readonly path: string
  readonly name: string
  readonly digest: string
}

/** Optional fields are left out rather than set to undefined, so the spec serialises cleanly. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

export function normaliseDialogue(line: DialogueLineData): DialogueLine {
  if (typeof line !== 'string') return { speaker: line.speaker, line: line.line }
  const colon = line.indexOf(':')
  return { speaker: line.slice(0, colon).trim(), line: line.slice(colon + 1).trim() }
}

function resolveShot(shot: SpecShotData): SpecShot {
  return defined({
    id: String(shot.shot_id),
    firstFrame: shot.first_frame,
    videoPrompt: shot.video_prompt,
    seconds: shot.seconds,
    characters: shot.characters,
    dialogue: (shot.dialogue ?? []).map(normaliseDialogue),
  })
}

function resolveSource(data: SpecData): SpecSource {
  if (data.idea !== undefined) return { kind: 'idea', idea: data.idea }
  if (data.script !== undefined) return { kind: 'script', script: data.script }
  const scenes: SpecScene[] = (data.scenes ?? []).map((scene, index) =>
    defined({ number: scene.scene_num ?? index + 1, slugline: scene.slugline, shots: scene.shots.map(resolveShot) }),
  )
  return defined({ kind: 'storyboard' as const, storyOverview: data.story_overview, scenes })
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

function resolveSound(data: SpecData): SoundSettings | false {
  if (data.audio === false) return false
  const loudness = data.audio?.loudness
  return {
    narrator: data.narrator === false ? false : defined({ voice: data.narrator?.voice }),
    music: data.music === false ? false : defined({ prompt: data.music?.prompt, volumeLu: data.music?.volume }),
    loudness: { integrated: loudness?.integrated ?? SOUND_DEFAULTS.integrated, truePeak: loudness?.true_peak ?? SOUND_DEFAULTS.truePeak },
  }
}

/** Validated data → the spec the rest of vimax reads: defaults filled, ids strings, frozen. */
export function resolveSpec(data: SpecData, file: SpecFileInfo): ResolvedSpec {
  const characters: SpecCharacter[] = data.characters.map((c) =>
    defined({ name: c.name, appearance: c.appearance, outfit: c.outfit, voice: c.voice, voiceStyle: c.voice_style }),
  )
  const models: ModelChoice = defined({ chat: data.models.chat, image: data.models.image, video: data.models.video, speech: data.models.speech, music: data.models.music })
  return deepFreeze(
    defined<ResolvedSpec>({
      path: file.path,
      name: file.name,
      digest: file.digest,
      title: data.title,
      source: resolveSource(data),
      requirement: data.requirement,
      style: data.style,
      aspectRatio: data.aspect_ratio,
      shotSeconds: data.shot_seconds,
      seed: data.seed,
      characters,
      models,
      language: data.language,
      sound: resolveSound(data),
    }),
  )
}
