import type { AspectRatio, DialogueLine } from '../film.js'

export interface SpecCharacter {
  readonly name: string
  readonly appearance?: string
  readonly outfit?: string
  /** A voice id of the speech model, pinned rather than cast. */
  readonly voice?: string
  /** Style instructions for their lines, for speech models that take them. */
  readonly voiceStyle?: string
}

export interface SpecShot {
  /** As written in the spec (numbers become strings). */
  readonly id: string
  readonly firstFrame: string
  readonly videoPrompt: string
  readonly seconds?: number
  /** Names of the characters visible in the first frame, when the spec lists them. */
  readonly characters?: readonly string[]
  readonly dialogue: readonly DialogueLine[]
}

export interface SpecScene {
  /** 1-based, in file order unless the spec gives scene_num. */
  readonly number: number
  readonly slugline?: string
  readonly shots: readonly SpecShot[]
}

/** Which of the three entry points the spec uses. */
export type SpecSource =
  | { readonly kind: 'idea'; readonly idea: string }
  | { readonly kind: 'script'; readonly script: string }
  | { readonly kind: 'storyboard'; readonly storyOverview?: string; readonly scenes: readonly SpecScene[] }

export interface ModelChoice {
  readonly chat?: string
  readonly image?: string
  readonly video?: string
  readonly speech?: string
  readonly music?: string
}

/** A spec after validation: every default filled, nothing left to check downstream. */
export interface ResolvedSpec {
  /** Absolute path of the spec file. */
  readonly path: string
  /** The file name without its extension; names the default output folder. */
  readonly name: string
  /** sha256 of the file's bytes. */
  readonly digest: string
  readonly title?: string
  readonly source: SpecSource
  readonly requirement?: string
  readonly style?: string
  readonly aspectRatio: AspectRatio
  /** Default length of a shot when the storyboard does not say. */
  readonly shotSeconds: number
  readonly seed: number
  readonly characters: readonly SpecCharacter[]
  readonly models: ModelChoice
  /** BCP 47 tag of the dialogue and subtitles, e.g. "en". */
  readonly language: string
  /** The soundtrack: voices, music and the mix target; `false` keeps the film silent. */
  readonly sound: SoundSettings | false
}

export interface SoundSettings {
  /** Lines spoken by "Narrator": a pinned voice, or `false` for subtitles only. */
  readonly narrator: { readonly voice?: string } | false
  /** The music bed; `false` for none. */
  readonly music: { readonly prompt?: string; readonly volumeLu?: number } | false
  readonly loudness: { readonly integrated: number; readonly truePeak: number }
}
