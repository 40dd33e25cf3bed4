import type { AspectRatio } from '../film.js'

export type ModelKind = 'chat' | 'image' | 'video' | 'speech' | 'music'
export const MODEL_KINDS: readonly ModelKind[] = ['chat', 'image', 'video', 'speech', 'music']

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue }
export type JsonSchema = { readonly [key: string]: JsonValue }

/**
 * Media a model produced. Providers download remote media at once (vendor URLs expire), so a
 * result is either bytes in memory or a file on disk the caller may move or copy.
 */
export type Media =
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array; readonly mediaType: string }
  | { readonly kind: 'file'; readonly path: string; readonly mediaType: string }

/** An input image: always bytes, so its digest can go into a cache key. */
export interface ImageInput {
  readonly bytes: Uint8Array
  readonly mediaType: string
  /** What the image shows ("Mira, front view"); prompts may refer to it. */
  readonly label: string
}

export interface CallOptions {
  readonly signal?: AbortSignal
  /** What the call is for ("shot 1.2", "scene 3", "character mira"), named in errors. */
  readonly subject?: string
  /** The run's id for this call, so request-log lines join the pipeline's call events. */
  readonly callId?: string
  /** Called by the HTTP layer when a vendor asks to slow down, so a lane can pause as a whole. */
  readonly onRateLimit?: (waitMs: number) => void
  /** For a job-based image call (a queue): how its job is recorded and resumed; the cache layer sets it. */
  readonly job?: JobHooks
  /** Set by a fallback chain on a call to a later model: the models it moved past, each with its error code. */
  readonly fallbackFrom?: string
}

/**
 * A job-based call's link to whoever keeps jobs across crashes. Only `generate` of a job-based
 * image model reads it (see `jobImageModel`); every other model ignores it.
 */
export interface JobHooks {
  /** A job an earlier run started and recorded: it is polled, never started again. */
  readonly resume?: ImageJob
  /** Called the moment a new job exists and before any wait on it, so a crash loses nothing paid for. */
  readonly started?: (job: ImageJob) => Promise<void>
  /** Called when the vendor reports the job failed: there is nothing left to resume. */
  readonly failed?: (job: ImageJob) => Promise<void>
}

/** Facts about a call's result that are not the result itself. */
export interface CallMeta {
  readonly cached?: boolean
  readonly requestId?: string
  readonly attempts?: number
  readonly warnings?: readonly string[]
  /** Estimated USD, set by the meter from the price table (providers report usage, not money). */
  readonly costUsd?: number
  /** Tokens a chat call used, as the vendor reported them; the price table turns them into cost. */
  readonly usage?: { readonly inputTokens: number; readonly outputTokens: number }
  /** Set by the cache layer on a hit: what the result cost when it was paid for. */
  readonly savedUsd?: number
  /** A dry run's placeholder: nothing was made or paid for, and nothing may be cached. */
  readonly planned?: boolean
  /** Time spent waiting for a lane slot before the provider was called. */
  readonly queuedMs?: number
  /** Set by the cache layer: the key the result is stored under. */
  readonly cacheKey?: string
  /** A job (video, or a queued image) an earlier run started and paid for, picked up again instead of started anew. */
  readonly resumed?: boolean
  /** Set by a fallback chain when a later model made the result: its `provider:model`. */
  readonly madeBy?: string
  /** Why the models before `madeBy` did not make it ("fal:… refused (content policy: …)"). */
  readonly fallbackReason?: string
}

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant'
  readonly content: string
}

export interface ChatRequest {
  readonly messages: readonly ChatMessage[]
  /** The JSON Schema of the expected answer; providers with structured output enforce it. */
  readonly schema?: { readonly name: string; readonly schema: JsonSchema }
  readonly temperature?: number
  readonly seed?: number
  readonly maxTokens?: number
}

export interface ChatResult extends CallMeta {
  readonly text: string
  /**
   * Why the model stopped, when the vendor says: 'length' is an answer cut off at the token
   * limit, which is never complete however well it parses.
   */
  readonly finishReason?: 'stop' | 'length' | 'other'
}

export interface ImageRequest {
  readonly prompt: string
  readonly aspectRatio: AspectRatio
  /** Pixel size wanted; a provider maps it to the nearest size it supports. */
  readonly width: number
  readonly height: number
  readonly references: readonly ImageInput[]
  readonly seed?: number
  /** Bumped to ask for a different image for the same request. */
  readonly take?: number
}

export interface ImageResult extends CallMeta {
  readonly images: readonly Media[]
}

export interface VideoRequest {
  readonly prompt: string
  /** The first frame. */
  readonly image?: ImageInput
  /**
   * Reference images (the shot's characters' portraits), most relevant first, for models whose
   * capability row takes them. Absent when none go, so other requests keep their cache keys.
   */
  readonly references?: readonly ImageInput[]
  readonly aspectRatio: AspectRatio
  readonly width: number
  readonly height: number
  readonly seconds: number
  readonly seed?: number
  readonly take?: number
  /**
   * The clip makes its own sound (ambience, effects): the profile's `generate_audio`. Set only
   * when true, so silent requests keep the cache keys they always had.
   */
  readonly generateAudio?: boolean
}

/** An opaque, JSON-serialisable handle on a started job; stored so a crash can resume it. */
export interface VideoJob extends CallMeta {
  readonly id: string
  readonly state?: JsonValue
}

/** A queued image request: the same kind of handle as a video job. */
export type ImageJob = VideoJob

export type ImageStatus =
  /** `detail`: the vendor's own word for the state ("IN_QUEUE"), named if polling gives up. */
  | { readonly state: 'pending'; readonly progress?: number; readonly detail?: string }
  | ({ readonly state: 'done' } & ImageResult)
  | { readonly state: 'failed'; readonly message: string; readonly code?: string }

export type VideoStatus =
  | { readonly state: 'pending'; readonly progress?: number }
  | ({ readonly state: 'done'; readonly video: Media } & CallMeta)
  | { readonly state: 'failed'; readonly message: string; readonly code?: string }

interface ModelInfo {
  readonly provider: string
  readonly modelId: string
  /**
   * Settings that change the output (quality, resolution, a renderer version). They join the
   * request in the cache key; secrets and timeouts never go here.
   */
  readonly fingerprint?: { readonly [key: string]: JsonValue }
}

export interface ChatModel extends ModelInfo {
  readonly kind: 'chat'
  generate(request: ChatRequest, options?: CallOptions): Promise<ChatResult>
}

export interface ImageModel extends ModelInfo {
  readonly kind: 'image'
  generate(request: ImageRequest, options?: CallOptions): Promise<ImageResult>
}

export interface VideoCapabilities {
  /** Durations the model accepts, in seconds; requests are clamped to the nearest. */
  readonly seconds?: readonly number[]
  readonly aspectRatios?: readonly AspectRatio[]
  /** Whether the model can make a clip's sound: false never does (a silent model), absent is unknown. */
  readonly audio?: boolean
}

export interface VideoModel extends ModelInfo {
  readonly kind: 'video'
  readonly capabilities?: VideoCapabilities
  /** Billable: starts a job. Never retried by a poll failure. */
  start(request: VideoRequest, options?: CallOptions): Promise<VideoJob>
  status(job: VideoJob, options?: CallOptions): Promise<VideoStatus>
  /** How long to wait between polls of this model's jobs. */
  readonly pollIntervalMs?: number
  /** How long a job may run before the run stops waiting (`providers.<id>.timeouts.video_job`). */
  readonly jobTimeoutMs?: number
}

export type AnyModel = ChatModel | ImageModel | VideoModel | SpeechModel | MusicModel

export interface ModelsByKind {
  readonly chat: ChatModel
  readonly image: ImageModel
  readonly video: VideoModel
  readonly speech: SpeechModel
  readonly music: MusicModel
}

/** `provider:model` per kind, as a run resolved them (and the manifest records them). */
export type ModelRefs = Readonly<Record<ModelKind, string>>

export interface Provider {
  readonly id: string
  chat?(modelId: string): ChatModel
  image?(modelId: string): ImageModel
  video?(modelId: string): VideoModel
  speech?(modelId: string): SpeechModel
  music?(modelId: string): MusicModel
  /** The model used when a reference names only the provider ("offline"). */
  readonly defaults?: Partial<Record<ModelKind, string>>
}

/** One word or character of spoken text and when it is heard, in seconds from the start of the audio. */
export interface AlignmentUnit {
  readonly text: string
  readonly startS: number
  readonly endS: number
}

export interface SpeechRequest {
  readonly text: string
  /** A voice id from the model's `voices()` (or the vendor's own voice names). */
  readonly voice: string
  /** BCP 47 ("en", "fr-CA", "ja"): the language the text is written in. */
  readonly language: string
  /** Style direction ("whispering, frightened"), for models that take it. */
  readonly instructions?: string
  /** 1 is the voice's natural pace; 0.5 half as fast, 2 twice as fast. */
  readonly speed?: number
  readonly seed?: number
}

export interface SpeechResult extends CallMeta {
  /** Audio with its media type (audio/wav, audio/mpeg, …). */
  readonly audio: Media
  /** Per word or per character, when the vendor returns timing. */
  readonly alignment?: readonly AlignmentUnit[]
  /** The audio's length when the provider knows it without probing. */
  readonly durationS?: number
  /** Characters billed, for vendors that price speech per character (chat tokens stay in `usage`). */
  readonly characters?: number
}

export interface VoiceInfo {
  readonly id: string
  readonly name: string
  /** BCP 47; absent when the voice speaks any language the model supports. */
  readonly language?: string
  readonly gender?: 'female' | 'male' | 'neutral'
  /** Free words ("young, warm, British"); casting matches character descriptions against them. */
  readonly description?: string
}

/** Text to speech: one line in one voice. */
export interface SpeechModel extends ModelInfo {
  readonly kind: 'speech'
  generate(request: SpeechRequest, options?: CallOptions): Promise<SpeechResult>
  voices?(): Promise<readonly VoiceInfo[]>
}

export interface MusicRequest {
  /** What the bed should sound like ("slow strings, uneasy, no vocals"). */
  readonly prompt: string
  /** Wanted length; providers clamp it to what the model makes and report the real one. */
  readonly seconds: number
  readonly seed?: number
}

export interface MusicResult extends CallMeta {
  readonly audio: Media
  /** The audio's length when the provider knows it without probing. */
  readonly durationS?: number
}

/**
 * Instrumental music from a prompt. `generate` returns when the audio is ready; a vendor that
 * works in jobs polls inside it.
 */
export interface MusicModel extends ModelInfo {
  readonly kind: 'music'
  generate(request: MusicRequest, options?: CallOptions): Promise<MusicResult>
}
