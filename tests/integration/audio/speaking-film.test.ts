import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { measureSpan } from '../../../src/audio/measure-loudness.js'
import { parseSrt, type Cue } from '../../../src/media/subtitles.js'
import { runFfmpeg } from '../../../src/media/run-ffmpeg.js'
import type { Manifest } from '../../../src/pipeline/manifest.js'
import { ROOT, runCli, tempDir } from '../../support/run-cli.js'

type Summary = { calls: Record<string, number>; cached: Record<string, number> }

const dir = tempDir()
const cache = path.join(dir, 'cache')
const out = path.join(dir, 'film')
const QUICK_START = path.join(ROOT, 'examples/lighthouse-idea.yaml')

async function generate(spec: string, output: string): Promise<Summary> {
  const result = await runCli(['generate', spec, '-o', output, '--json'], { env: { VIMAX_CACHE_DIR: cache }, timeoutMs: 240_000 })
  expect(result.stderr).not.toMatch(/Error:|at .*\.js:\d+/)
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout) as Summary
}

const manifestOf = (folder: string) => JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as Manifest
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)

/** Where the voice starts after each silence in the dialogue stem, seconds. */
async function speechOnsets(file: string): Promise<number[]> {
  const { stderr } = await runFfmpeg(['-loglevel', 'info', '-i', file, '-af', 'silencedetect=n=-40dB:d=0.25', '-f', 'null', '-'], { task: 'finding speech' })
  return [...stderr.matchAll(/silence_end: ([\d.]+)/g)].map((match) => Number(match[1]))
}

let cues: Cue[] = []
let first: Summary

beforeAll(async () => {
  first = await generate(QUICK_START, out)
  cues = parseSrt(readFileSync(path.join(out, 'film.srt'), 'utf8'))
}, 300_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the README quick-start film speaks (offline)', () => {
  it('is not silent during any line, and its mix meets -14 LUFS within 1 LU', async () => {
    expect(cues.length).toBeGreaterThan(0)
    for (const cue of cues) {
      const volume = await measureSpan(path.join(out, 'film.mp4'), { startS: cue.start, endS: Math.min(cue.end, cue.start + 1) })
      expect(volume.meanDb, cue.text).toBeGreaterThan(-35)
    }
    const audio = manifestOf(out).audio!
    expect(Math.abs(audio.integrated_lufs - -14)).toBeLessThanOrEqual(1)
    expect(audio.true_peak_db).toBeLessThanOrEqual(-1)
  })

  it('starts every subtitle cue within 100 ms of its line’s voice', async () => {
    const onsets = await speechOnsets(path.join(out, 'audio/dialogue.wav'))
    for (const cue of cues) {
      const nearest = Math.min(...onsets.map((onset) => Math.abs(onset - cue.start)))
      expect(nearest, cue.text).toBeLessThanOrEqual(0.1)
    }
  })

  it('lists every line and stem with its digest in manifest.json and plays them in report.html', () => {
    const manifest = manifestOf(out)
    const audio = manifest.artifacts.filter((a) => a.kind === 'line' || a.kind === 'stem')
    expect(audio.filter((a) => a.kind === 'line')).toHaveLength(cues.length)
    expect(audio.map((a) => a.path)).toEqual(expect.arrayContaining(['audio/dialogue.wav', 'audio/music.wav']))
    for (const artifact of audio) expect(artifact.sha256).toMatch(/^[0-9a-f]{64}$/)
    const report = readFileSync(path.join(out, 'report.html'), 'utf8')
    expect(report).toContain('<audio controls preload="none" src="audio/dialogue.wav">')
    expect(report).not.toContain('<script')
  })

  it('records each character’s voice in storyboard.json; a rerun of it keeps voices and line bytes, and a warm rerun makes no call', async () => {
    const storyboard = JSON.parse(readFileSync(path.join(out, 'storyboard.json'), 'utf8')) as { characters: { voice?: string }[] }
    expect(storyboard.characters.every((c) => typeof c.voice === 'string')).toBe(true)
    const warm = await generate(QUICK_START, out)
    expect(total(warm.calls)).toBe(0)

    const edited = path.join(dir, 'storyboard.json')
    writeFileSync(edited, readFileSync(path.join(out, 'storyboard.json')))
    const again = path.join(dir, 'again')
    const rerun = await generate(edited, again)
    const lines = (folder: string) => manifestOf(folder).artifacts.filter((a) => a.kind === 'line').map((a) => [a.path, a.sha256]).sort()
    expect(lines(again)).toEqual(lines(out))
    expect((JSON.parse(readFileSync(path.join(again, 'storyboard.json'), 'utf8')) as typeof storyboard).characters.map((c) => c.voice)).toEqual(
      storyboard.characters.map((c) => c.voice),
    )
    expect(rerun.calls['speech'] ?? 0).toBe(0)
    // The bed's prompt is written into storyboard.json as asked, so the storyboard asks for the same bed.
    expect(rerun.calls['music'] ?? 0).toBe(0)
    expect(total(first.calls)).toBeGreaterThan(0)
  })

  it('editing one line (the shot keeping its length) makes one speech call and no image or video call', async () => {
    const edited = path.join(dir, 'one-line.json')
    const board = JSON.parse(readFileSync(path.join(out, 'storyboard.json'), 'utf8')) as { scenes: { shots: { dialogue: { speaker: string; line: string }[] }[] }[] }
    const shot = board.scenes.flatMap((scene) => scene.shots).find((s) => s.dialogue.length > 0)!
    shot.dialogue[0] = { ...shot.dialogue[0]!, line: 'Yes.' }
    writeFileSync(edited, JSON.stringify(board))
    const summary = await generate(edited, path.join(dir, 'one-line'))
    expect(summary.calls).toMatchObject({ speech: 1, image: 0, video: 0, music: 0 })
  })
})
