import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assembleFilm } from '../../../src/media/assemble-film.js'
import { createClipNormalizer } from '../../../src/media/clip-normalizer.js'
import { concatClips } from '../../../src/media/concat-clips.js'
import { resolveBinary } from '../../../src/media/ffmpeg-path.js'
import { normalizeClip } from '../../../src/media/normalize-clip.js'
import { probeMedia } from '../../../src/media/probe.js'
import { runFfmpeg } from '../../../src/media/run-ffmpeg.js'
import { frameAt, meanDifference } from './fixtures.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'vimax-join-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/**
 * ffmpeg and ffprobe behind a shell script that logs each call's argument count and bytes, so a
 * test sees every command line the editor really spawned.
 */
function loggingTools(): { readonly env: NodeJS.ProcessEnv; readonly calls: () => { count: number; bytes: number }[] } {
  const log = path.join(dir, 'spawns.log')
  writeFileSync(log, '')
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const tool of ['ffmpeg', 'ffprobe'] as const) {
    const wrapper = path.join(dir, `logging-${tool}`)
    const real = resolveBinary(tool, process.env).path
    writeFileSync(
      wrapper,
      `#!/bin/sh\nn=0\nfor a in "$@"; do n=$((n + \${#a} + 1)); done\necho "$# $n" >> '${log}'\nexec '${real}' "$@"\n`,
    )
    chmodSync(wrapper, 0o755)
    env[tool === 'ffmpeg' ? 'VIMAX_FFMPEG' : 'VIMAX_FFPROBE'] = wrapper
  }
  const calls = () =>
    readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const [count, bytes] = line.split(' ').map(Number)
        return { count: count!, bytes: bytes! }
      })
  return { env, calls }
}

/** A solid-colour clip with a tone, any format; the editor brings it to the film's. */
async function colourClip(file: string, colour: string, seconds: number): Promise<void> {
  await runFfmpeg(
    [
      '-f', 'lavfi', '-i', `color=c=${colour}:s=64x64:r=30:d=${seconds}`,
      '-f', 'lavfi', '-i', `sine=frequency=330:sample_rate=44100:duration=${seconds}`,
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', file,
    ],
    { task: `making ${file}` },
  )
}

describe('joining at scale', () => {
  const format = { width: 64, height: 64, fps: 24 }
  const tiny = path.join(dir, 'tiny.mp4')
  beforeAll(async () => {
    const source = path.join(dir, 'source.mp4')
    await colourClip(source, 'teal', 0.2)
    // Two frames: 1/12 s. One clip made ready for the join, then copied: identical files join fine.
    await normalizeClip({ input: source, output: tiny, ...format, seconds: 2 / 24, task: 'normalising the tiny clip' })
  })

  it('joins 3,000 clips (more than fit in one argument list) with a short command line, to the exact length', async () => {
    const clips = Array.from({ length: 3000 }, (_, i) => {
      // Long paths, as a real output folder has: 3,000 of them alone are ~300 KB, far past 128 KiB.
      const file = path.join(dir, `a-rather-long-clip-file-name-as-output-folders-have-${String(i).padStart(4, '0')}.mp4`)
      copyFileSync(tiny, file)
      return { path: file, seconds: 2 / 24 }
    })
    const tools = loggingTools()
    const film = path.join(dir, 'film-3000.mp4')
    await concatClips({ inputs: clips, output: film, env: tools.env })
    const probe = await probeMedia(film)
    expect(Math.abs(probe.durationSeconds - 250)).toBeLessThanOrEqual(0.5 / 24)
    expect(probe.video).toMatchObject({ codec: 'h264', width: 64, height: 64 })
    expect(probe.audio).toMatchObject({ codec: 'aac', sampleRate: 48000, channels: 2 })
    const calls = tools.calls()
    expect(calls.length).toBeGreaterThan(0)
    // The whole film went through one process whose arguments do not depend on the clip count.
    for (const call of calls) {
      expect(call.count).toBeLessThan(80)
      expect(call.bytes).toBeLessThan(4096)
    }
  }, 120_000)

  it('puts each shot\'s own picture in its span of the film', async () => {
    const colours = ['red', 'lime', 'blue']
    const sources = colours.map((colour) => path.join(dir, `${colour}.mp4`))
    for (const [i, source] of sources.entries()) await colourClip(source, colours[i]!, 1)
    const result = await assembleFilm({
      clips: sources.map((source, i) => ({ path: source, seconds: [0.5, 1, 0.75][i]!, cues: [], subject: `shot ${i + 1}` })),
      outPath: path.join(dir, 'film-colours.mp4'),
      ...format,
      burnSubtitles: false,
      workDir: path.join(dir, 'work-colours'),
    })
    expect(Math.abs(result.durationSeconds - 2.25)).toBeLessThanOrEqual(0.5 / 24)
    // The middle of each shot's span, against the middle of its own clip.
    const spans = [0.25, 0.5 + 0.5, 1.5 + 0.375]
    const own = [0.25, 0.5, 0.375]
    for (const [i, at] of spans.entries()) {
      const inFilm = await frameAt(result.path, at, path.join(dir, `film-${i}.png`))
      const inClip = await frameAt(sources[i]!, own[i]!, path.join(dir, `clip-${i}.png`))
      expect(meanDifference(inFilm, inClip)).toBeLessThan(6)
      const other = await frameAt(sources[(i + 1) % 3]!, 0.2, path.join(dir, `other-${i}.png`))
      expect(meanDifference(inFilm, other)).toBeGreaterThan(30)
    }
  }, 120_000)

  it('cuts the sound on the exact sample of each cut', async () => {
    // Tone, silence (a clip with no sound at all), tone: the second tone must start at 1.5 s sharp.
    const toneA = path.join(dir, 'tone-a.mp4')
    const quiet = path.join(dir, 'quiet.mp4')
    const toneB = path.join(dir, 'tone-b.mp4')
    await colourClip(toneA, 'white', 1)
    await colourClip(toneB, 'gray', 1)
    await runFfmpeg(['-f', 'lavfi', '-i', 'color=c=black:s=64x64:r=30:d=1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', quiet], { task: 'making a silent clip' })
    const result = await assembleFilm({
      clips: [toneA, quiet, toneB].map((file, i) => ({ path: file, seconds: [0.75, 0.75, 1][i]!, cues: [] })),
      outPath: path.join(dir, 'film-tones.mp4'),
      ...format,
      burnSubtitles: false,
      workDir: path.join(dir, 'work-tones'),
    })
    const raw = path.join(dir, 'film-tones.f32')
    await runFfmpeg(['-i', result.path, '-map', '0:a:0', '-ac', '1', '-c:a', 'pcm_f32le', '-f', 'f32le', raw], { task: 'decoding the film sound' })
    const bytes = readFileSync(raw)
    const samples = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
    const loud = (from: number, to: number) => samples.subarray(from, to).some((v) => Math.abs(v) > 0.1)
    const at = (seconds: number) => Math.round(seconds * 48000)
    // Within 5 ms of each cut (AAC smears an onset a little), not 21 ms per cut as joined AAC drifts.
    expect(loud(at(0.01), at(0.74))).toBe(true)
    expect(loud(at(0.755), at(1.495))).toBe(false)
    expect(loud(at(1.505), at(2.24))).toBe(true)
    expect(Math.abs(samples.length - at(2.5))).toBeLessThan(2048)
  }, 120_000)

  it('prepares a clip once, whether it was prefetched when it arrived or asked for at the edit', async () => {
    const tools = loggingTools()
    const source = path.join(dir, 'prefetched.mp4')
    await colourClip(source, 'olive', 0.5)
    const normalizer = createClipNormalizer({ ...format, burnSubtitles: false, workDir: path.join(dir, 'work-prefetch'), env: tools.env })
    const clip = { path: source, seconds: 0.5, cues: [], subject: 'shot 1' }
    normalizer.prefetch(clip)
    const first = await normalizer.prepare(clip)
    const second = await normalizer.prepare(clip)
    expect(second).toEqual(first)
    expect(normalizer.counts()).toEqual({ normalized: 1, reused: 0 })
    // One probe and one encode, not two of each.
    expect(tools.calls()).toHaveLength(2)
  }, 60_000)
})
