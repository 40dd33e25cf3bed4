import { readFileSync } from 'node:fs'
import { decodePng, type DecodedImage } from '../../../src/media/png-decode.js'
import { runFfmpeg } from '../../../src/media/run-ffmpeg.js'

/** A synthetic clip from ffmpeg's test source: moving colour bars, optionally with a tone. */
export async function makeTestVideo(file: string, o: { width: number; height: number; fps: number; seconds: number; audio?: boolean }) {
  const audio = o.audio ? ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=44100:duration=${o.seconds}`] : []
  await runFfmpeg(
    [
      '-f', 'lavfi', '-i', `testsrc=size=${o.width}x${o.height}:rate=${o.fps}:duration=${o.seconds}`, ...audio,
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', ...(o.audio ? ['-c:a', 'aac', '-ac', '1'] : []), file,
    ],
    { task: `making test video ${file}` },
  )
}

/** One frame at `seconds`, as decoded RGBA (through a PNG ffmpeg writes, which also exercises the decoder). */
export async function frameAt(video: string, seconds: number, pngPath: string): Promise<DecodedImage> {
  await runFfmpeg(['-ss', String(seconds), '-i', video, '-frames:v', '1', '-f', 'image2', pngPath], { task: `extracting a frame from ${video}` })
  return decodePng(readFileSync(pngPath))
}

/** Mean absolute difference per channel between two same-sized images. */
export function meanDifference(a: DecodedImage, b: DecodedImage): number {
  let sum = 0
  for (let i = 0; i < a.rgba.length; i++) sum += Math.abs(a.rgba[i]! - b.rgba[i]!)
  return sum / a.rgba.length
}
