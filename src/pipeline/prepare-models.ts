import type { ChatModel, ImageModel, ModelsByKind, VideoModel } from '../providers/types.js'
import type { Emit } from './events.js'
import type { Lanes } from './lanes.js'
import { createCallObserver } from './with-events.js'
import { withLane, withVideoLane } from './with-lane.js'

/** Wraps a model outside its lane; the cache is one. */
export interface ModelLayer {
  chat(model: ChatModel): ChatModel
  image(model: ImageModel): ImageModel
  video(model: VideoModel): VideoModel
  /** Forgets a stored result that turned out unusable (a chat answer no agent could parse). */
  evict?(key: string): Promise<void>
}

/**
 * events → layer (cache) → lane → provider: cache hits never wait for a lane slot, and every
 * call, hit or not, is reported.
 */
export function prepareModels(
  models: ModelsByKind,
  options: { readonly lanes: Lanes; readonly emit: Emit; readonly stop: AbortSignal; readonly layer?: ModelLayer | undefined },
): ModelsByKind {
  const { lanes, layer } = options
  const observe = createCallObserver(options.emit)
  const laned = {
    chat: withLane(models.chat, lanes.get(models.chat.provider, 'chat')),
    image: withLane(models.image, lanes.get(models.image.provider, 'image')),
    video: withVideoLane(models.video, lanes.get(models.video.provider, 'video'), options.stop),
  }
  return {
    chat: observe.chat(layer ? layer.chat(laned.chat) : laned.chat),
    image: observe.image(layer ? layer.image(laned.image) : laned.image),
    video: observe.video(layer ? layer.video(laned.video) : laned.video),
  }
}
