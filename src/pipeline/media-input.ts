import { readFile } from 'node:fs/promises'
import type { ImageInput, Media } from '../providers/types.js'

/** Reference images travel as bytes so their digests can join cache keys. */
export async function mediaToInput(media: Media, label: string): Promise<ImageInput> {
  const bytes = media.kind === 'bytes' ? media.bytes : new Uint8Array(await readFile(media.path))
  return { bytes, mediaType: media.mediaType, label }
}
