import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { measureSpan } from '../../../src/audio/measure-loudness.js'
import { createFakeApi, FAKE_KEY, geminiFake, type FakeApi } from '../../support/fake-api/index.js'
import { tempDir } from '../../support/run-cli.js'
import { vendorWorkspace } from '../../support/vendor-run.js'
import { makeTestVideo } from '../media/fixtures.js'

/** Two shots, the second without a line, and no music: whatever sounds under shot 2 came from the clip. */
const spec = (audio: string) => `
title: Harbour Lights
aspect_ratio: "16:9"
music: false
${audio}
characters:
  - { name: Mara, appearance: a harbour pilot with a grey braid }
scenes:
  - shots:
      - { shot_id: 1, first_frame: Mara at the wheel in thick fog., video_prompt: Slow push in., characters: [Mara], dialogue: ["Mara: Hold your course."] }
      - { shot_id: 2, first_frame: A ferry's lights in the fog., video_prompt: Static wide. }
`

const scratch = tempDir()
const silent = path.join(scratch, 'clip.mp4')
const sound = path.join(scratch, 'clip-sound.mp4')
let gemini: FakeApi

beforeAll(async () => {
  await makeTestVideo(silent, { width: 64, height: 36, fps: 12, seconds: 1 })
  // Veo 3 on the Gemini API makes sound whether asked or not: a tone as long as the longest clip.
  await makeTestVideo(sound, { width: 64, height: 36, fps: 12, seconds: 8, audio: true })
  gemini = await createFakeApi({ dialect: 'gemini', auth: 'goog', routes: geminiFake({ video: silent, soundVideo: sound }).routes })
}, 60_000)
afterAll(async () => {
  await gemini.close()
  rmSync(scratch, { recursive: true, force: true })
})

/** The film's level over its last shot, where no one speaks (dB): the clips' sound or nothing. */
async function lastShotLevel(generateAudio: boolean, audio = ''): Promise<{ meanDb: number; maxDb: number }> {
  const work = vendorWorkspace(
    `providers:\n  gemini: { base_url: "${gemini.url}/v1beta", poll_interval: 10ms }\n` +
      `profiles:\n  e2e: { chat: offline, image: offline, video: gemini, speech: offline, music: offline, generate_audio: ${String(generateAudio)} }\n`,
    { GEMINI_API_KEY: FAKE_KEY },
  )
  writeFileSync(path.join(work.dir, 'spec.yaml'), spec(audio))
  try {
    const run = await work.run()
    expect(run.code, run.stderr).toBe(0)
    const board = JSON.parse(readFileSync(path.join(work.dir, 'out/storyboard.json'), 'utf8')) as { scenes: { shots: { seconds: number }[] }[] }
    const shots = board.scenes.flatMap((scene) => scene.shots)
    const end = shots.reduce((sum, shot) => sum + shot.seconds, 0)
    return await measureSpan(path.join(work.dir, 'out/film.mp4'), { startS: end - shots.at(-1)!.seconds + 0.5, endS: end - 0.5 })
  } finally {
    rmSync(work.dir, { recursive: true, force: true })
  }
}

describe('generate_audio is the one switch for the clips’ own sound (Veo 3 on the Gemini API always makes some)', () => {
  it('on: the clips’ sound is heard in film.mp4 where no one speaks; off: film.mp4 is silent there', async () => {
    const on = await lastShotLevel(true)
    const off = await lastShotLevel(false)
    expect(on.meanDb).toBeGreaterThan(-45)
    expect(off.maxDb).toBeLessThan(-80)
  }, 400_000)

  it('off with a silent film (audio: false): the joined clips carry no sound of their own either', async () => {
    const off = await lastShotLevel(false, 'audio: false')
    expect(off.maxDb).toBeLessThan(-80)
  }, 300_000)
})
