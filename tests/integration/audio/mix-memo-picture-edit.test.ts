import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { measureLoudness } from '../../../src/audio/measure-loudness.js'
import { resolveBinary } from '../../../src/media/ffmpeg-path.js'
import { runFfmpeg } from '../../../src/media/run-ffmpeg.js'
import type { Manifest } from '../../../src/pipeline/manifest.js'
import { digestFile } from '../../../src/util/digest-file.js'
import { runCli, tempDir } from '../../support/run-cli.js'

const dir = tempDir()
const calls = path.join(dir, 'ffmpeg-calls.txt')
const wrapper = path.join(dir, 'ffmpeg')
const board = (firstFrame: string) => `
title: The Kettle
aspect_ratio: "1:1"
shot_seconds: 1
characters:
  - { name: Ada, appearance: a girl of sixteen with copper-red hair }
scenes:
  - shots:
      - { shot_id: 1, first_frame: Ada by the stove., video_prompt: Slow push in., characters: [Ada], dialogue: ["Ada: The kettle sings."] }
      - { shot_id: 2, first_frame: ${firstFrame}, video_prompt: Static close-up. }
`

async function generate(spec: string, out: string) {
  writeFileSync(path.join(dir, 'spec.yaml'), spec)
  writeFileSync(calls, '')
  const run = await runCli(['generate', 'spec.yaml', '-o', out, '--json'], {
    cwd: dir,
    env: { VIMAX_CACHE_DIR: path.join(dir, 'cache'), VIMAX_FFMPEG: wrapper },
    timeoutMs: 240_000,
  })
  expect(run.stderr).not.toMatch(/at .*\.js:\d+/)
  expect(run.code, run.stderr).toBe(0)
  return readFileSync(calls, 'utf8').split('\n').filter((line) => line !== '')
}

/** The decoded stream's digest: equal sound (or picture) whatever the container around it. */
async function streamMd5(file: string, stream: 'a' | 'v'): Promise<string> {
  const { stdout } = await runFfmpeg(['-i', file, '-map', `0:${stream}:0`, '-f', 'md5', '-'], { task: `hashing ${file}` })
  return stdout.trim()
}

let first: string[]
let edited: string[]

beforeAll(async () => {
  // The real ffmpeg behind a script that notes each call's arguments: the run is observed, not changed.
  writeFileSync(wrapper, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${calls}'\nexec '${resolveBinary('ffmpeg').path}' "$@"\n`)
  chmodSync(wrapper, 0o755)
  first = await generate(board('An empty kitchen at dawn.'), path.join(dir, 'first'))
  edited = await generate(board('A copper kettle steaming on the stove.'), path.join(dir, 'edited'))
}, 480_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the mix is named by its sound, not by the picture', () => {
  it('a picture-only edit of one shot reuses the mix: no mixing, encoding or metering, one stream-copy mux', () => {
    const mixing = (log: string[]) => log.filter((args) => args.includes('-filter_complex_script') || args.includes('ebur128'))
    const muxes = (log: string[]) => log.filter((args) => args.includes('-map 0:v:0 -map 1:a:0 -c copy'))
    expect(mixing(first).length).toBeGreaterThan(0)
    expect(mixing(edited)).toEqual([])
    expect(muxes(edited)).toHaveLength(1)
  })

  it('film.mp4 keeps the same sound under the changed picture', async () => {
    const [firstFilm, editedFilm] = [path.join(dir, 'first/film.mp4'), path.join(dir, 'edited/film.mp4')]
    expect(await streamMd5(editedFilm, 'v')).not.toBe(await streamMd5(firstFilm, 'v'))
    expect(await streamMd5(editedFilm, 'a')).toBe(await streamMd5(firstFilm, 'a'))
  })

  it('reports the loudness film.mp4’s own (AAC) track has, within 0.5 LU of -14, and digests of the stems as written', async () => {
    for (const out of ['first', 'edited']) {
      const manifest = JSON.parse(readFileSync(path.join(dir, out, 'manifest.json'), 'utf8')) as Manifest
      const film = await measureLoudness(path.join(dir, out, 'film.mp4'))
      expect(Math.abs(film.integratedLufs - -14)).toBeLessThanOrEqual(0.5)
      expect(manifest.audio!.integrated_lufs).toBeCloseTo(film.integratedLufs, 0)
      const stems = manifest.artifacts.filter((artifact) => artifact.kind === 'stem')
      expect(stems.length).toBeGreaterThan(0)
      for (const stem of stems) expect((await digestFile(path.join(dir, out, stem.path))).sha256, stem.path).toBe(stem.sha256)
    }
  })
})
