import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { measureSpan } from '../../../src/audio/measure-loudness.js'
import { runFfmpeg } from '../../../src/media/run-ffmpeg.js'
import { parseSrt } from '../../../src/media/subtitles.js'
import type { Manifest } from '../../../src/pipeline/manifest.js'
import { runCli, tempDir } from '../../support/run-cli.js'

type PerKind = Record<'chat' | 'image' | 'video' | 'speech' | 'music', number>
type Summary = { calls: PerKind; cached: PerKind }

/** Three short square shots; the first and last speak, so the film has time between its lines. */
const SPEC = `title: Room Tone
aspect_ratio: "1:1"
story_overview: Ada finds a broken bird in the clock shop.
characters:
  - name: Ada
    appearance: a girl of sixteen, copper-red hair
scenes:
  - scene_num: 1
    slugline: INT. CLOCK SHOP - DAWN
    shots:
      - { shot_id: 1, first_frame: Ada at the bench., video_prompt: Slow push in., characters: [Ada], seconds: 4, dialogue: ["Ada: Oh no. What happened to you, little one?"] }
      - { shot_id: 2, first_frame: The bird on the bench., video_prompt: Static., characters: [], seconds: 3 }
      - { shot_id: 3, first_frame: The shop window at sunrise., video_prompt: Static wide., characters: [Ada], seconds: 4, dialogue: ["Ada: I will mend you by morning, I promise."] }
`
const OFFLINE = 'chat: offline, image: offline, video: offline, speech: offline, music: offline'
const CONFIG = `profiles:\n  quiet: { ${OFFLINE}, generate_audio: false }\n  room: { ${OFFLINE}, generate_audio: true }\n`

const dir = tempDir()
writeFileSync(path.join(dir, 'spec.yaml'), SPEC)
writeFileSync(path.join(dir, 'vimax.config.yaml'), CONFIG)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function generate(out: string, ...args: string[]): Promise<Summary> {
  const run = await runCli(['generate', 'spec.yaml', '-o', out, '--json', ...args], { cwd: dir, env: { VIMAX_CACHE_DIR: path.join(dir, 'cache') }, timeoutMs: 240_000 })
  expect(run.code, run.stderr).toBe(0)
  return JSON.parse(run.stdout) as Summary
}

const manifestOf = (out: string) => JSON.parse(readFileSync(path.join(dir, out, 'manifest.json'), 'utf8')) as Manifest
const total = (counts: PerKind) => Object.values(counts).reduce((a, b) => a + b, 0)
/** The decoded audio's digest: equal only for the same sound. */
async function soundDigest(file: string): Promise<string> {
  const { stdout } = await runFfmpeg(['-i', file, '-map', '0:a:0', '-f', 'md5', '-'], { task: `hashing the sound of ${file}` })
  return stdout.trim()
}

describe('generate_audio with the offline animatic: the clips’ own sound becomes the ambience stem', () => {
  it('off (a run as before): no ambience stem, and generate_audio: false keeps every cache key (a warm rerun makes no call)', async () => {
    const before = await generate('silent')
    expect(total(before.calls)).toBeGreaterThan(0)
    expect(existsSync(path.join(dir, 'silent/audio/ambience.wav'))).toBe(false)
    expect(manifestOf('silent').audio!.stems).not.toContain('audio/ambience.wav')

    const off = await generate('quiet', '--profile', 'quiet')
    expect(total(off.calls)).toBe(0)
    expect(existsSync(path.join(dir, 'quiet/audio/ambience.wav'))).toBe(false)
  }, 600_000)

  it('on: buys each clip again (a clip with sound is another purchase), keeps the film at -14 LUFS ±1 and its sound as a stem that is not silent', async () => {
    const on = await generate('room', '--profile', 'room')
    // Frames, voices and music are the same requests; only the clips change.
    expect(on.calls).toEqual({ chat: 0, image: 0, video: 3, speech: 0, music: 0 })
    const ambience = path.join(dir, 'room/audio/ambience.wav')
    expect(existsSync(ambience)).toBe(true)
    const manifest = manifestOf('room')
    expect(manifest.audio!.stems).toContain('audio/ambience.wav')
    expect(manifest.artifacts.find((a) => a.path === 'audio/ambience.wav')?.sha256).toMatch(/^[0-9a-f]{64}$/)
    const whole = await measureSpan(ambience, { startS: 0, endS: 11 })
    expect(whole.meanDb).toBeGreaterThan(-60)
    expect(Math.abs(manifest.audio!.integrated_lufs - -14)).toBeLessThanOrEqual(1)
    expect(manifest.audio!.true_peak_db).toBeLessThanOrEqual(-1)
  }, 600_000)

  it('ducks the ambience under the lines: the clips’ sound is turned down more while Ada speaks than between her lines', async () => {
    const ambience = path.join(dir, 'room/audio/ambience.wav')
    const cues = parseSrt(readFileSync(path.join(dir, 'room/film.srt'), 'utf8'))
    expect(cues).toHaveLength(2)
    const board = JSON.parse(readFileSync(path.join(dir, 'room/storyboard.json'), 'utf8')) as { scenes: { shots: { seconds: number }[] }[] }
    const starts = board.scenes[0]!.shots.reduce<number[]>((at, shot) => [...at, at.at(-1)! + shot.seconds], [0])
    const clips = [1, 2, 3].map((id) => path.join(dir, `room/clips/shot-${id}.mp4`))
    // Each shot sounds different, so the stem is compared with its own clip over the same moments.
    const turnedDown = async (shot: number, startS: number, endS: number) => {
      const source = await measureSpan(clips[shot]!, { startS: startS - starts[shot]!, endS: endS - starts[shot]! })
      const stem = await measureSpan(ambience, { startS, endS })
      return source.meanDb - stem.meanDb
    }
    // Shot 2, from well after the first line's release to the end of the shot.
    const between = await turnedDown(1, cues[0]!.end + 0.6, starts[2]! - 0.1)
    expect(await turnedDown(0, cues[0]!.start + 0.3, cues[0]!.end - 0.1)).toBeGreaterThan(between + 3)
    expect(await turnedDown(2, cues[1]!.start + 0.3, cues[1]!.end - 0.1)).toBeGreaterThan(between + 3)
  })

  it('gives every shot its own sound, and a warm rerun with generate_audio on makes no call', async () => {
    const clips = manifestOf('room').artifacts.filter((a) => a.kind === 'clip').map((a) => path.join(dir, 'room', a.path))
    expect(clips).toHaveLength(3)
    const digests = await Promise.all(clips.map(soundDigest))
    expect(new Set(digests).size).toBe(3)
    const warm = await generate('room', '--profile', 'room')
    expect(total(warm.calls)).toBe(0)
  }, 600_000)
})
