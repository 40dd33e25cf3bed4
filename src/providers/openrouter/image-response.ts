import { badResponse, decodeMedia, responseProblem } from '../http/index.js'
import type { Media } from '../types.js'

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Reads `{data:[{b64_json, media_type?}], usage?}`. The bytes' type is sniffed rather than taken
 * from `media_type`, and a `data:` prefix some upstreams leave on is stripped by decodeMedia.
 */
export function parseOpenRouterImages(body: unknown): readonly Media[] {
  if (!isObject(body)) throw badResponse(`expected an images object, got ${Array.isArray(body) ? 'an array' : typeof body}`)
  if (!Array.isArray(body.data)) throw badResponse('no data[] in the images response')
  if (body.data.length === 0) throw responseProblem('E_PROVIDER_EMPTY', 'the images response has no images (data: [])')
  return body.data.map((item) => {
    if (!isObject(item) || typeof item.b64_json !== 'string') throw badResponse('an image in data[] has no b64_json')
    return decodeMedia(item.b64_json, 'image')
  })
}
