import { badResponse, decodeMedia, responseProblem } from '../http/index.js'
import type { Media } from '../types.js'

export interface ImageAnswer {
  /** Decoded `b64_json` images, in order. */
  readonly images: readonly Media[]
  /** `url` images (dall-e), to download at once: they expire in an hour. */
  readonly urls: readonly string[]
}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Reads `/images/generations` and `/images/edits` answers; bytes are sniffed, not trusted. */
export function parseImagesResponse(body: unknown): ImageAnswer {
  if (!isObject(body)) throw badResponse(`expected an images object, got ${Array.isArray(body) ? 'an array' : typeof body}`)
  if (!Array.isArray(body.data)) throw badResponse('no data[] in the images response')
  if (body.data.length === 0) throw responseProblem('E_PROVIDER_EMPTY', 'the images response has no images (data: [])')
  const images: Media[] = []
  const urls: string[] = []
  for (const item of body.data) {
    if (isObject(item) && typeof item.b64_json === 'string') images.push(decodeMedia(item.b64_json, 'image'))
    else if (isObject(item) && typeof item.url === 'string') urls.push(item.url)
    else throw badResponse('an image in data[] has neither b64_json nor url')
  }
  return { images, urls }
}
