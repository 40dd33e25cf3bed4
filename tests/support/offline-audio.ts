import type { MusicModel, Provider, SpeechModel } from '../../src/providers/types.js'

/** The speech and music refs of a run whose voices and score stay offline. */
export const OFFLINE_AUDIO_REFS = { speech: 'offline:voice', music: 'offline:score' } as const

/** The offline voice and score, for tests that build a run's models by hand. */
export function offlineAudio(offline: Provider): { speech: SpeechModel; music: MusicModel } {
  return { speech: offline.speech!('voice'), music: offline.music!('score') }
}
