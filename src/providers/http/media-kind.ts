import { sniffMediaType } from '../../media/media-type.js'
import { badResponse } from './attempt-error.js'
import { visibleText } from './vendor-error.js'

export type MediaKind = 'image' | 'video'

/**
 * The media type of the first bytes, which must be the kind the vendor promised: an HTML error
 * page served with 200 (or base64 of a JSON error) must fail here, not later in ffmpeg.
 */
export function checkMediaHead(head: Uint8Array, expect: MediaKind, contentType?: string): string {
  const sniffed = sniffMediaType(head)
  if (sniffed?.startsWith(`${expect}/`)) return sniffed
  const what = sniffed ?? (head.length === 0 ? 'an empty body' : describeUnknown(head, contentType))
  throw badResponse(`expected ${expect === 'image' ? 'an image' : 'a video'}, got ${what}`)
}

function describeUnknown(head: Uint8Array, contentType: string | undefined): string {
  const text = visibleText(Buffer.from(head.subarray(0, 80)).toString('utf8')).slice(0, 60)
  return `${contentType ? `${contentType.split(';')[0]} ` : ''}"${text}"`
}
