import { randomBytes } from 'node:crypto'
import { mkdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { MediaError } from '../errors.js'
import { runFfmpeg, type MediaOptions } from '../media/run-ffmpeg.js'
import { writeAtomically } from '../media/temp-file.js'
import { planScore, scoreChannel, type ScorePlan } from './score-plan.js'

export const SCORE_SAMPLE_RATE = 48000
/** Part of a cache key: bump when the same request starts sounding different. */
export const SCORE_VERSION = 1

export interface ScoreRequest extends MediaOptions {
  readonly seconds: number
  readonly seed: number
  /** "calm", "tense", "sad", "joyful", "mysterious", "epic", "hopeful", "neutral"; other words map to one of them. */
  readonly mood: string
  /** A .wav path (48 kHz stereo 16-bit). */
  readonly out: string
}

/**
 * The offline music bed: a seeded chord loop (pad, bass, arpeggio) rendered by ffmpeg's aevalsrc,
 * softened by tremolo and a lowpass, faded in and out. Same request, same bytes (bitexact WAV).
 */
export async function renderScore(request: ScoreRequest): Promise<ScorePlan> {
  const { seconds, seed, mood, out } = request
  if (!(Number.isFinite(seconds) && seconds > 0)) {
    throw new MediaError(`a music bed needs a positive length, not ${seconds} s`, {
      code: 'E_AUDIO_INPUT',
      hint: 'give the scene or film a duration above zero',
    })
  }
  const plan = planScore(seed, mood)
  const fadeIn = Math.min(2, seconds / 4)
  const fadeOut = Math.min(3, seconds / 3)
  // aevalsrc runs at about four times real time, so only one loop of the progression is computed
  // and then repeated. Bars start and end in silence, so the seam is inaudible.
  const loopSamples = Math.round(Math.min(seconds, plan.barS * plan.chords.length) * SCORE_SAMPLE_RATE)
  const source = `aevalsrc=exprs='${scoreChannel(plan, 1)}|${scoreChannel(plan, 1.004)}':s=${SCORE_SAMPLE_RATE}:c=stereo:d=${(loopSamples / SCORE_SAMPLE_RATE).toFixed(6)}`
  const filters = [
    `tremolo=f=${(plan.tempo / 60 / 2).toFixed(4)}:d=0.18`,
    `lowpass=f=${plan.cutoff}`,
    `afade=t=in:st=0:d=${fadeIn.toFixed(3)}`,
    `afade=t=out:st=${(seconds - fadeOut).toFixed(3)}:d=${fadeOut.toFixed(3)}`,
  ].join(',')
  await mkdir(path.dirname(out), { recursive: true })
  const run = (args: readonly string[], what: string) =>
    runFfmpeg(args, { ...(request.signal && { signal: request.signal }), ...(request.env && { env: request.env }), task: `${what} the ${plan.mood} music bed` })
  const loop = path.join(path.dirname(out), `.${path.basename(out)}.loop-${process.pid}-${randomBytes(4).toString('hex')}.wav`)
  try {
    await run(['-f', 'lavfi', '-i', source, '-c:a', 'pcm_f32le', '-f', 'wav', loop], 'computing')
    // -stream_loop, not aloop: the aloop of ffmpeg 4.1 (the npm build) never ends with loop=-1.
    await writeAtomically(out, (temp) =>
      run(['-stream_loop', '-1', '-i', loop, '-af', filters, '-t', seconds.toFixed(6), '-c:a', 'pcm_s16le', '-fflags', '+bitexact', '-flags:a', '+bitexact', '-f', 'wav', temp], 'rendering'),
    )
  } finally {
    await rm(loop, { force: true })
  }
  return plan
}
