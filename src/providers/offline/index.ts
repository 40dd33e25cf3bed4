import type { Provider } from '../types.js'
import { createOfflineChatModel } from './chat.js'
import { createOfflineImageModel } from './image.js'
import type { OfflineOptions } from './options.js'
import { createOfflineVideoModel } from './video.js'

export type { OfflineOptions } from './options.js'

/**
 * The built-in provider: deterministic, no keys, no network. Its films are animatics — cards
 * for frames, slow camera moves for clips — so every path of the pipeline runs for real.
 */
export function createOffline(options: OfflineOptions = {}): Provider {
  return {
    id: 'offline',
    defaults: { chat: 'writer', image: 'cards', video: 'animatic' },
    chat: (modelId) => createOfflineChatModel(modelId, options),
    image: (modelId) => createOfflineImageModel(modelId, options),
    video: (modelId) => createOfflineVideoModel(modelId, options),
  }
}
