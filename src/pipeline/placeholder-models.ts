import { encodePng } from '../media/png-encode.js'
import type { ImageModel, Media, VideoModel } from '../providers/types.js'

const PLACEHOLDER = Symbol('vimax.placeholder')

/** A stand-in for a paid model, for `--dry-run`: same identity (so cache keys match), no call. */
export function isPlaceholderModel(model: object): boolean {
  return PLACEHOLDER in model
}

// One grey pixel is enough: nothing decodes a placeholder, it only has to carry a digest.
const GREY_PIXEL: Media = { kind: 'bytes', bytes: encodePng({ width: 1, height: 1, rgb: Uint8Array.of(128, 128, 128) }), mediaType: 'image/png' }

export function placeholderImageModel(model: ImageModel): ImageModel {
  return {
    ...model,
    [PLACEHOLDER]: true,
    generate: async () => ({ images: [GREY_PIXEL], planned: true }),
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
