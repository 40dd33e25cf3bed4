import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FRAME_SIZES } from '../../../src/media/frame-size.js'
import { probeMedia } from '../../../src/media/probe.js'
import { parseSrt } from '../../../src/media/subtitles.js'
import type { Manifest } from '../../../src/pipeline/manifest.js'
import { runCli, tempDir } from '../../support/run-cli.js'

const examples = [
  { file: 'examples/lighthouse-idea.yaml', ratio: '16:9' },
  { file: 'examples/night-shift-script.yaml', ratio: '9:16' },
  { file: 'examples/clockwork-storyboard.yaml', ratio: '1:1' },
] as const

const dirs: string[] = []
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

describe.each(examples)('vimax generate $file (offline)', ({ file, ratio }) => {
  it('makes an H.264 + AAC film of the planned length, subtitles inside it, and a manifest of every shot', async () => {
    const out = tempDir()
    dirs.push(out)
    const run = await runCli(['generate', file, '-o', out, '--json'], { env: { VIMAX_CACHE_DIR: path.join(out, '.cache') } })
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/) // no stack trace
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout) as Record<string, unknown>
    expect(summary).toMatchObject({ status: 'ok', output_dir: out, film: path.join(out, 'film.mp4') })
    const calls = summary.calls as Record<string, number>
    expect(calls.image).toBeGreaterThan(0)
    expect(calls.video).toBe(summary.shots)

    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest
    expect(manifest.status).toBe('complete')
    expect(manifest.shots).toHaveLength(summary.shots as number)
    for (const shot of manifest.shots) {
      expect(shot.frame, `shot ${shot.id} frame`).toBeTruthy()
      expect(shot.clip, `shot ${shot.id} clip`).toBeTruthy()
      expect(manifest.artifacts.some((artifact) => artifact.path === shot.clip && artifact.sha256.length === 64)).toBe(true)
    }

    const probe = await probeMedia(path.join(out, 'film.mp4'))
    expect(probe.video?.codec).toBe('h264')
    expect(probe.audio?.codec).toBe('aac')
    expect({ width: probe.video?.width, height: probe.video?.height }).toEqual(FRAME_SIZES[ratio])
    const planned = manifest.shots.reduce((total, shot) => total + shot.seconds, 0)
    expect(Math.abs(probe.durationSeconds - planned)).toBeLessThanOrEqual(0.1 * manifest.shots.length)

    const cues = parseSrt(readFileSync(path.join(out, 'film.srt'), 'utf8'))
    expect(cues.length).toBeGreaterThan(0)
    for (const cue of cues) {
      expect(cue.start).toBeGreaterThanOrEqual(0)
      expect(cue.end).toBeGreaterThan(cue.start)
      expect(cue.end).toBeLessThanOrEqual(probe.durationSeconds)
    }
    for (const name of ['script.md', 'storyboard.json']) expect(readFileSync(path.join(out, name), 'utf8').length).toBeGreaterThan(100)
  })
})
