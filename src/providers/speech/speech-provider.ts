import type { MusicModel, SpeechModel } from '../types.js'

/**
 * What a speech vendor's factory returns until `speech` and `music` join `Provider` (the
 * registry wires them in); the shape is the one `Provider` will take, so wiring is a spread.
 */
export interface SpeechProvider {
  readonly id: string
  readonly defaults: { readonly speech?: string; readonly music?: string }
  speech(modelId: string): SpeechModel
  music?(modelId: string): MusicModel
}
