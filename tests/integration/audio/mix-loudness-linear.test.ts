import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { measureLoudness } from '../../../src/audio/measure-loudness.js'
import { mixSoundtrack } from '../../../src/audio/mix-soundtrack.js'
import { renderScore } from '../../../src/audio/procedural-score.js'
import { AUDIO_ENCODE_ARGS } from '../../../src/media/clip-format.js'
import { resolveBinary } from '../../../src/media/ffmpeg-path.js'
import { runFfmpeg } from '../../../src/media/run-ffmpeg.js'
import { createOfflineSpeech } from '../../../src/providers/offline/speech.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-mixlin-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const music = path.join(dir, 'score.wav')
const ambience = path.join(dir, 'surf.wav')
const line = path.join(dir, 'line.wav')
beforeAll(async () => {
  await renderScore({ seconds: 12, seed: 5, mood: 'calm', out: music })
  await runFfmpeg(['-f', 'lavfi', '-i', 'anoisesrc=c=pink:a=0.05:d=10:r=48000:s=3', '-ac', '2', ambience], { task: 'making surf' })
  const result = await createOfflineSpeech().generate({ text: 'The lamp has not failed in forty years.', voice: 'greta', language: 'en' })
  if (result.audio.kind !== 'bytes') throw new Error('bytes expected')
  writeFileSync(line, result.audio.bytes)
})

/** An ffmpeg that records every command line, and the graph file it was given, before running. */
function recordingFfmpeg(log: string): NodeJS.ProcessEnv {
  const wrapper = path.join(dir, 'ffmpeg-recording.sh')
  const real = resolveBinary('ffmpeg').path
  writeFileSync(
    wrapper,
    `#!/bin/sh\nprintf 'ARGS' >> '${log}'\nfor a in "$@"; do printf ' %s' "$a" >> '${log}'; done\necho >> '${log}'\n` +
      `prev=''\nfor a in "$@"; do if [ "$prev" = '-filter_complex_script' ]; then cat "$a" >> '${log}'; fi; prev="$a"; done\nexec '${real}' "$@"\n`,
  )
  chmodSync(wrapper, 0o755)
  return { ...process.env, VIMAX_FFMPEG: wrapper }
}

describe('the soundtrack mix, metered and gained linearly', () => {
  it('lands a 10 s film with one line over music and ambience within 0.5 LU of -14 LUFS, also after the AAC encode, true peak under -1 dBTP', async () => {
    const out = path.join(dir, 'short.wav')
    const result = await mixSoundtrack({ lines: [{ file: line, startS: 2 }], music, ambience, durationS: 10, out, stemsDir: path.join(dir, 'stems-short') })
    expect(Math.abs(result.integratedLufs - -14)).toBeLessThanOrEqual(0.5)
    expect(result.truePeakDb).toBeLessThanOrEqual(-1)
    const aac = path.join(dir, 'short.m4a')
    await runFfmpeg(['-i', out, ...AUDIO_ENCODE_ARGS, aac], { task: 'encoding the mix as the film does' })
    const encoded = await measureLoudness(aac)
    expect(Math.abs(encoded.integratedLufs - -14)).toBeLessThanOrEqual(0.5)
    expect(encoded.truePeakDb).toBeLessThanOrEqual(-1)
  })

  it('mixes a 600 s music bed with a few lines in a handful of ffmpeg calls, none using loudnorm, each with a short command line', async () => {
    const log = path.join(dir, 'ffmpeg.log')
    const lines = [20, 200, 400, 598.5].map((startS) => ({ file: line, startS }))
    const result = await mixSoundtrack({ lines, music, durationS: 600, out: path.join(dir, 'long.wav'), stemsDir: path.join(dir, 'stems-long'), env: recordingFfmpeg(log) })
    expect(Math.abs(result.integratedLufs - -14)).toBeLessThanOrEqual(0.5)
    expect(result.truePeakDb).toBeLessThanOrEqual(-1)
    const recorded = readFileSync(log, 'utf8')
    const calls = recorded.split('\n').filter((row) => row.startsWith('ARGS'))
    expect(calls.length).toBeGreaterThan(2)
    expect(calls.length).toBeLessThanOrEqual(8)
    for (const call of calls) expect(call.length).toBeLessThan(2000)
    expect(recorded).toContain('ebur128')
    expect(recorded).not.toContain('loudnorm')
    expect(result.cutLines).toEqual([3])
  }, 600_000)
})
