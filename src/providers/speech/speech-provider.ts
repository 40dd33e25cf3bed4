import type { MusicModel, Provider, SpeechModel } from '../types.js'

/**
 * What a speech vendor's factory returns: the speech (and music) part of a `Provider`, so a vendor
 * that also chats or draws is one provider (`withAudio`), and one that only speaks is a provider as it is.
 */
export interface SpeechProvider {
  readonly id: string
  readonly defaults: { readonly speech?: string; readonly music?: string }
  speech(modelId: string): SpeechModel
  music?(modelId: string): MusicModel
}

/** One provider id for a vendor's chat, image and video models and its voices. */
export function withAudio(base: Provider, audio: SpeechProvider): Provider {
  return {
    ...base,
    defaults: { ...base.defaults, ...audio.defaults },
    speech: (modelId) => audio.speech(modelId),
    ...(audio.music && { music: audio.music.bind(audio) }),
  }
}
