import { readFileSync } from 'node:fs'
import path from 'node:path'
import { makeTestVideo } from '../integration/media/fixtures.js'
import type { FakeApiHandle } from './fake-api/types.js'

/**
 * A small clip ffprobe can read (64×36, 12 fps, 1 s), written to `dir/clip.mp4` and served by the
 * fake at `/files/clip.mp4`: vendor fakes point their video downloads there, so the editor gets
 * real video to normalise, not just bytes that pass sniffing.
 */
export async function serveTestClip(api: FakeApiHandle, dir: string): Promise<{ readonly path: string; readonly bytes: Buffer }> {
  const file = path.join(dir, 'clip.mp4')
  await makeTestVideo(file, { width: 64, height: 36, fps: 12, seconds: 1 })
  const bytes = readFileSync(file)
  api.files.set('clip.mp4', { body: bytes, type: 'video/mp4' })
  return { path: file, bytes }
}
