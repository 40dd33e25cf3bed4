import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { mapBounded } from '../media/map-bounded.js'
import { probeMedia } from '../media/probe.js'
import { runFfmpeg, type MediaOptions } from '../media/run-ffmpeg.js'
import { writeAtomically } from '../media/temp-file.js'
import { MIX_SAMPLE_RATE } from './place-lines.js'

/** A shot's clip as the video model returned it, and how long the shot lasts in the film. */
export interface AmbienceClip {
  readonly path: string
  readonly seconds: number
}

export interface AmbienceTrackRequest extends MediaOptions {
  /** In film order; each sounds from where the shots before it end. */
  readonly clips: readonly AmbienceClip[]
  /** 48 kHz stereo 16-bit WAV, exactly as long as the shots together. */
  readonly out: string
  /** Receives one piece per shot and the concat list. */
  readonly workDir: string
  /** ffmpeg processes at once. @default 2 */
  readonly concurrency?: number
}

export interface AmbienceTrack {
  readonly file: string
  /** Shots whose clip had an audio stream; the others are silence. */
  readonly shotsWithSound: number
}

/**
 * The clips' own sound laid on the film's timeline: each shot's audio cut or padded to the
 * shot's length (silence for a clip without sound), then joined by ffmpeg's concat demuxer from
 * a list file. Every ffmpeg call has one or two inputs whatever the number of shots, and shot
 * boundaries fall on whole samples of the running total, so a long film does not drift.
 */
export async function buildAmbienceTrack(request: AmbienceTrackRequest): Promise<AmbienceTrack> {
  const media = { ...(request.signal && { signal: request.signal }), ...(request.env && { env: request.env }) }
  await mkdir(request.workDir, { recursive: true })
  const bounds: number[] = [0]
  for (const clip of request.clips) bounds.push(bounds.at(-1)! + Math.max(0, clip.seconds))
  const sampleAt = (seconds: number) => Math.round(seconds * MIX_SAMPLE_RATE)
  const sounding = await mapBounded(request.clips, request.concurrency ?? 2, async (clip, i) => {
    const samples = sampleAt(bounds[i + 1]!) - sampleAt(bounds[i]!)
    const piece = path.join(request.workDir, `piece-${i}.wav`)
    const hasSound = (await probeMedia(clip.path, media)).audio !== undefined
    const fit = `aresample=${MIX_SAMPLE_RATE},aformat=sample_fmts=s16:channel_layouts=stereo,apad=whole_len=${samples},atrim=end_sample=${samples}`
    const source = hasSound ? ['-i', clip.path, '-map', '0:a:0'] : ['-f', 'lavfi', '-i', `anullsrc=r=${MIX_SAMPLE_RATE}:cl=stereo`]
    await runFfmpeg([...source, '-af', fit, '-c:a', 'pcm_s16le', '-f', 'wav', piece], { ...media, task: `taking the sound of ${clip.path}` })
    return hasSound
  })
  const list = path.join(request.workDir, 'pieces.txt')
  await writeFile(list, request.clips.map((_, i) => `file 'piece-${i}.wav'\n`).join(''))
  await writeAtomically(request.out, (temp) =>
    runFfmpeg(['-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', '-f', 'wav', temp], { ...media, task: 'joining the clips\' sound into the ambience' }),
  )
  return { file: request.out, shotsWithSound: sounding.filter(Boolean).length }
}
