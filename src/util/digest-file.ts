import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

/** sha256 and size of a file, streamed: videos are never read into memory whole. */
export async function digestFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256')
  let bytes = 0
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer)
    bytes += (chunk as Buffer).byteLength
  }
  return { sha256: hash.digest('hex'), bytes }
}
