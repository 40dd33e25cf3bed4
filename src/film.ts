/**
 * The film as data: what the agents produce and the pipeline passes along. Every value is
 * plain, readonly and JSON-serialisable, so it can be written to storyboard.json as is.
 */
export type AspectRatio = '16:9' | '9:16' | '1:1'

export interface DialogueLine {
  readonly speaker: string
  readonly line: string
}

export interface Character {
  /** A slug of the name, stable across runs; used in file names and shot cast lists. */
  readonly id: string
  readonly name: string
  /** Face, body, hair: what must not change from shot to shot. */
  readonly appearance: string
  readonly outfit: string
  /** The speech model's voice id, cast once and kept in storyboard.json; absent in a silent film. */
  readonly voice?: string
}

export interface Scene {
  /** "1", "2", … in story order. */
  readonly id: string
  readonly slugline: string
  readonly action: string
  readonly dialogue: readonly DialogueLine[]
  /** Names of the characters in the scene, as written in the script. */
  readonly characters: readonly string[]
}

export interface Script {
  readonly title: string
  readonly logline: string
  readonly scenes: readonly Scene[]
}

export interface Shot {
  /** Unique in the film: the spec's shot_id for storyboards, "<scene>.<n>" otherwise. */
  readonly id: string
  readonly sceneId: string
  /** Static description of the first frame. */
  readonly firstFrame: string
  /** Camera and motion for the clip. */
  readonly videoPrompt: string
  /** Ids of the characters visible in the first frame. */
  readonly characters: readonly string[]
  readonly dialogue: readonly DialogueLine[]
  readonly seconds: number
  /** Bumped by --reroll; part of the frame's and clip's cache key, nothing else. */
  readonly take: number
}

export interface Storyboard {
  readonly sceneId: string
  readonly shots: readonly Shot[]
}

export type PortraitView = 'front' | 'side' | 'back'
