import { randomUUID } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { probeMedia } from '../media/probe.js'
import { runFfmpeg, type MediaOptions } from '../media/run-ffmpeg.js'
import { readWavInfo } from './wav.js'

/**
 * How long an audio file plays. The container's word first; a stream written without seeking back
 * (FLAC or Ogg sent as it is encoded) may claim nothing, and then the samples are counted by
 * decoding it, since a shot's length is decided from this.
 */
export async function audioDurationS(file: string, options: MediaOptions = {}): Promise<number> {
  const probed = (await probeMedia(file, options)).durationSeconds
  if (Number.isFinite(probed) && probed > 0) return probed
  const decoded = path.join(os.tmpdir(), `vimax-duration-${process.pid}-${randomUUID()}.wav`)
  try {
    await runFfmpeg(['-i', file, '-map', '0:a:0', '-ac', '1', '-c:a', 'pcm_s16le', decoded], { ...options, task: `measuring how long ${file} plays` })
    return readWavInfo(await readFile(decoded))?.durationS ?? 0
  } finally {
    await rm(decoded, { force: true })
  }
}
