import type { Provider } from '../types.js'
import { createOfflineChatModel } from './chat.js'
import { createOfflineImageModel } from './image.js'
import { createOfflineMusic } from './music.js'
import { withLatency } from './latency.js'
import type { OfflineOptions } from './options.js'
import { createOfflineSpeech } from './speech.js'
import { createOfflineVideoModel } from './video.js'

export type { OfflineOptions } from './options.js'

/**
 * The built-in provider: deterministic, no keys, no network. Its films are animatics — cards
 * for frames, slow camera moves for clips — so every path of the pipeline runs for real.
 */
export function createOffline(options: OfflineOptions = {}): Provider {
  return {
    id: 'offline',
    defaults: { chat: 'writer', image: 'cards', video: 'animatic', speech: 'voice', music: 'score' },
    chat: (modelId) => createOfflineChatModel(modelId, options),
    image: (modelId) => createOfflineImageModel(modelId, options),
    video: (modelId) => createOfflineVideoModel(modelId, options),
    speech: (modelId) => withLatency(createOfflineSpeech(modelId), options.latencyMs?.speech, options),
    music: (modelId) => withLatency(createOfflineMusic(modelId, { ...(options.workDir && { workDir: options.workDir }) }), options.latencyMs?.music, options),
  }
}
