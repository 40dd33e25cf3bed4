import { rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeTrack } from '../../../src/audio/encode-track.js'
import { measureLoudness } from '../../../src/audio/measure-loudness.js'
import { AUDIO_ENCODE_ARGS } from '../../../src/media/clip-format.js'
import { runFfmpeg } from '../../../src/media/run-ffmpeg.js'
import { tempDir } from '../../support/run-cli.js'

const dir = tempDir()
const bed = path.join(dir, 'noise.wav')
let wavLufs: number

beforeAll(async () => {
  // White noise: the sound AAC at 128k takes the most loudness from (over 1 LU), well under the peak limit.
  await runFfmpeg(['-f', 'lavfi', '-i', 'anoisesrc=c=white:r=48000:a=0.05:d=6:seed=7', '-ac', '2', '-c:a', 'pcm_s16le', bed], { task: 'making a noise bed' })
  wavLufs = (await measureLoudness(bed)).integratedLufs
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the soundtrack is metered after the AAC encode the film carries', () => {
  it('a plain encode of a noise bed misses the target by more than 0.5 LU; encodeTrack lands within it and reports the encoded figure', async () => {
    const plain = path.join(dir, 'plain.m4a')
    await runFfmpeg(['-i', bed, ...AUDIO_ENCODE_ARGS, '-f', 'mp4', plain], { task: 'a plain encode' })
    expect(Math.abs((await measureLoudness(plain)).integratedLufs - wavLufs)).toBeGreaterThan(0.5)

    const out = path.join(dir, 'track.m4a')
    const reported = await encodeTrack({ wav: bed, out, durationS: 6, target: { integrated: wavLufs, truePeak: -1 } })
    const measured = await measureLoudness(out)
    expect(Math.abs(measured.integratedLufs - wavLufs)).toBeLessThanOrEqual(0.5)
    expect(measured.truePeakDb).toBeLessThanOrEqual(-1)
    expect(reported.integratedLufs).toBeCloseTo(measured.integratedLufs, 1)
  })

  it('leaves the track as encoded when making up the loss would break the true-peak limit', async () => {
    const out = path.join(dir, 'tight.m4a')
    const first = path.join(dir, 'first.m4a')
    await runFfmpeg(['-i', bed, ...AUDIO_ENCODE_ARGS, '-f', 'mp4', first], { task: 'a plain encode' })
    const peak = (await measureLoudness(first)).truePeakDb
    // A limit right at the encoded peak: any gain would pass it.
    const reported = await encodeTrack({ wav: bed, out, durationS: 6, target: { integrated: wavLufs, truePeak: peak } })
    expect(reported.truePeakDb).toBeLessThanOrEqual(peak + 0.05)
    expect(reported.integratedLufs).toBeLessThan(wavLufs - 0.5)
  })
})
