import type { Media } from '../types.js'
import { checkMediaHead, type MediaKind } from './media-kind.js'
import { badResponse } from './attempt-error.js'

/**
 * Base64 media from a JSON answer (`b64_json`, `inlineData.data`, a data URL) as bytes whose
 * type is sniffed, not trusted. Throws `badResponse` from inside a `parse` callback, so a
 * corrupt payload is retried once like any unusable body.
 */
export function decodeMedia(base64: string, expect: MediaKind): Media & { readonly kind: 'bytes' } {
  const payload = base64.startsWith('data:') ? base64.slice(base64.indexOf(',') + 1) : base64
  if (!/^[A-Za-z0-9+/=_\-\s]*$/.test(payload)) throw badResponse(`${expect} payload is not base64`)
  const bytes = new Uint8Array(Buffer.from(payload, 'base64'))
  if (bytes.length === 0) throw badResponse(`empty ${expect} payload`)
  return { kind: 'bytes', bytes, mediaType: checkMediaHead(bytes, expect) }
}
