import type { ChatModel, ImageModel, ModelsByKind, MusicModel, SpeechModel, VideoModel } from '../providers/types.js'
import type { Lanes } from './lanes.js'
import type { Meter } from './with-meter.js'
import type { CallObserver } from './with-events.js'
import { withLane, withVideoLane } from './with-lane.js'

/** Wraps a model outside its lane; the cache is one. */
export interface ModelLayer {
  chat(model: ChatModel): ChatModel
  image(model: ImageModel): ImageModel
  video(model: VideoModel): VideoModel
  /** A layer without them passes speech and music through unwrapped (uncached). */
  speech?(model: SpeechModel): SpeechModel
  music?(model: MusicModel): MusicModel
  /** Forgets a stored result that turned out unusable (a chat answer no agent could parse). */
  evict?(key: string): Promise<void>
}

/**
 * events → layer (cache) → lane → meter → provider: cache hits never wait for a lane slot nor
 * count against the budget, the budget judges a call when it would really start, and every call,
 * hit or not, is reported.
 */
export function prepareModels(
  models: ModelsByKind,
  options: {
    readonly lanes: Lanes
    readonly stop: AbortSignal
    readonly layer?: ModelLayer | undefined
    readonly meter: Meter
    readonly observe: CallObserver
  },
): ModelsByKind {
  const { lanes, layer, meter, observe } = options
  const laned = {
    chat: withLane(meter.chat(models.chat), lanes.get(models.chat.provider, 'chat')),
    image: withLane(meter.image(models.image), lanes.get(models.image.provider, 'image')),
    video: withVideoLane(meter.video(models.video), lanes.get(models.video.provider, 'video'), options.stop),
    speech: withLane(meter.speech(models.speech), lanes.get(models.speech.provider, 'speech')),
    music: withLane(meter.music(models.music), lanes.get(models.music.provider, 'music')),
  }
  return {
    chat: observe.chat(layer ? layer.chat(laned.chat) : laned.chat),
    image: observe.image(layer ? layer.image(laned.image) : laned.image),
    video: observe.video(layer ? layer.video(laned.video) : laned.video),
    speech: observe.speech(layer?.speech ? layer.speech(laned.speech) : laned.speech),
    music: observe.music(layer?.music ? layer.music(laned.music) : laned.music),
  }
}
