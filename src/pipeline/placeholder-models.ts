import { pcmToWav } from '../audio/wav.js'
import { encodePng } from '../media/png-encode.js'
import { sha256 } from '../util/digest.js'
import { estimateSpeech } from './speech-estimate.js'
import type { ImageModel, ImageRequest, Media, MusicModel, SpeechModel, VideoModel } from '../providers/types.js'

const PLACEHOLDER = Symbol('vimax.placeholder')

/** A stand-in for a paid model, for `--dry-run`: same identity (so cache keys match), no call. */
export function isPlaceholderModel(model: object): boolean {
  return PLACEHOLDER in model
}

/**
 * Nothing decodes a placeholder image; it only carries a digest into the keys of the clips made
 * from it. So distinct requests get distinct pixels (the request's own digest): two shots whose
 * frames differ must not look like one shared video request in the plan, and identical frame
 * requests must, exactly as the real run will share them.
 */
function placeholderImage(model: ImageModel, request: ImageRequest): Media {
  const { references, ...rest } = request
  const digest = sha256(JSON.stringify([model.provider, model.modelId, rest, references.map((image) => sha256(image.bytes))]))
  return { kind: 'bytes', bytes: encodePng({ width: 4, height: 1, rgb: Buffer.from(digest.slice(0, 24), 'hex') }), mediaType: 'image/png' }
}

export function placeholderImageModel(model: ImageModel): ImageModel {
  return {
    ...model,
    [PLACEHOLDER]: true,
    generate: async (request: ImageRequest) => ({ images: [placeholderImage(model, request)], planned: true }),
  } as ImageModel
}

export function placeholderVideoModel(model: VideoModel): VideoModel {
  let jobs = 0
  return {
    ...model,
    [PLACEHOLDER]: true,
    pollIntervalMs: 0,
    start: async () => ({ id: `planned-${++jobs}`, planned: true }),
    status: async () => ({ state: 'done', video: { kind: 'bytes', bytes: new Uint8Array(0), mediaType: 'video/mp4' }, planned: true }),
  } as VideoModel
}

/**
 * A stand-in voice: silence as long as the line would take to say (0.065 s a character), so the
 * planned shot lengths — and the clips and their cost — come out as a real run's would.
 */
export function placeholderSpeechModel(model: SpeechModel): SpeechModel {
  return {
    ...model,
    [PLACEHOLDER]: true,
    generate: async (request) => {
      const { characters, seconds } = estimateSpeech(request)
      return { audio: silence(seconds), durationS: seconds, characters, planned: true }
    },
  } as SpeechModel
}

/** A stand-in music bed: silence of the length asked for. */
export function placeholderMusicModel(model: MusicModel): MusicModel {
  return {
    ...model,
    [PLACEHOLDER]: true,
    generate: async (request) => ({ audio: silence(request.seconds), durationS: request.seconds, planned: true }),
  } as MusicModel
}

/** Low-rate silence: a real WAV whose header gives its length, a few kilobytes a minute. */
function silence(seconds: number): Media {
  const sampleRate = 1000
  const frames = Math.max(1, Math.round(seconds * sampleRate))
  return { kind: 'bytes', bytes: pcmToWav(new Uint8Array(frames * 2), { sampleRate, channels: 1, bitsPerSample: 16 }), mediaType: 'audio/wav' }
}
