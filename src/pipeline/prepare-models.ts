import { fitVideoRequest } from '../providers/capabilities/fit-video-request.js'
import { fromModelHints, type ModelCapabilities } from '../providers/capabilities/model-capabilities.js'
import type { ChatModel, ImageModel, ModelsByKind, MusicModel, SpeechModel, VideoModel } from '../providers/types.js'
import { fallbackGenerate, fallbackVideo, type FallbackOptions, type ModelFallbacks } from './fallback-model.js'
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
  /** Whether the model's result for the request (or a job it started) is stored: a fallback chain asks before calling. */
  has?(model: FallbackTarget, request: unknown): Promise<boolean>
}

type FallbackTarget = Parameters<NonNullable<FallbackOptions['has']>>[0]

/**
 * events → layer (cache) → lane → meter → provider: cache hits never wait for a lane slot nor
 * count against the budget, the budget judges a call when it would really start, and every call,
 * hit or not, is reported. A kind with fallbacks is one such chain per model, under one
 * fallback wrapper: each model keeps its own cache key, lane and price, and each call it makes
 * (a refusal included) is reported as its own.
 */
export function prepareModels(
  models: ModelsByKind,
  options: {
    readonly lanes: Lanes
    readonly stop: AbortSignal
    readonly layer?: ModelLayer | undefined
    readonly meter: Meter
    readonly observe: CallObserver
    readonly fallbacks?: ModelFallbacks | undefined
    /** Where a call moved to a fallback model is said. */
    readonly warn?: (message: string) => void
    /** The capabilities of each video fallback, in order: a moved clip request is fitted to its new model. */
    readonly fallbackVideoCapabilities?: readonly ModelCapabilities[] | undefined
  },
): ModelsByKind {
  const { lanes, layer, meter, observe } = options
  const chat = (model: ChatModel) => observe.chat(wrap(layer?.chat.bind(layer), withLane(meter.chat(model), lanes.get(model.provider, 'chat'))))
  const image = (model: ImageModel) => observe.image(wrap(layer?.image.bind(layer), withLane(meter.image(model), lanes.get(model.provider, 'image'))))
  const video = (model: VideoModel) =>
    observe.video(wrap(layer?.video.bind(layer), withVideoLane(meter.video(model), lanes.get(model.provider, 'video'), options.stop)))
  const speech = (model: SpeechModel) => observe.speech(wrap(layer?.speech?.bind(layer), withLane(meter.speech(model), lanes.get(model.provider, 'speech'))))
  const music = (model: MusicModel) => observe.music(wrap(layer?.music?.bind(layer), withLane(meter.music(model), lanes.get(model.provider, 'music'))))
  const fallbacks = options.fallbacks ?? {}
  const chain: FallbackOptions = {
    ...(layer?.has && { has: layer.has.bind(layer) }),
    warn: options.warn ?? (() => undefined),
    fitVideo: (index, request) => {
      const capabilities = options.fallbackVideoCapabilities?.[index - 1] ?? fromModelHints(fallbacks.video?.[index - 1]?.capabilities)
      return fitVideoRequest(capabilities, request).request
    },
  }
  return {
    chat: fallbackGenerate([models.chat, ...(fallbacks.chat ?? [])].map(chat), chain),
    image: fallbackGenerate([models.image, ...(fallbacks.image ?? [])].map(image), chain),
    video: fallbackVideo([models.video, ...(fallbacks.video ?? [])].map(video), chain),
    speech: fallbackGenerate([models.speech, ...(fallbacks.speech ?? [])].map(speech), chain),
    music: fallbackGenerate([models.music, ...(fallbacks.music ?? [])].map(music), chain),
  }
}

function wrap<M>(layer: ((model: M) => M) | undefined, model: M): M {
  return layer ? layer(model) : model
}
