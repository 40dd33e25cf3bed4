import { existsSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { measureSpan } from '../../../src/audio/measure-loudness.js'
import type { Manifest } from '../../../src/pipeline/manifest.js'
import { makeTestVideo } from '../media/fixtures.js'
import { createFakeApi, FAKE_KEY, falRoutes, geminiFake, type FakeApi } from '../../support/fake-api/index.js'
import { tempDir } from '../../support/run-cli.js'
import { vendorWorkspace, type Summary, type VendorWorkspace } from '../../support/vendor-run.js'

const scratch = tempDir()
const silent = path.join(scratch, 'clip.mp4')
const sound = path.join(scratch, 'clip-sound.mp4')
let fal: FakeApi
let gemini: FakeApi

beforeAll(async () => {
  await makeTestVideo(silent, { width: 64, height: 36, fps: 12, seconds: 1 })
  // The vendor's sound: a tone as long as the longest clip, so every shot has some.
  await makeTestVideo(sound, { width: 64, height: 36, fps: 12, seconds: 8, audio: true })
  fal = await createFakeApi({ dialect: 'fal', auth: 'key', routes: falRoutes({ queuedPolls: 1, runningPolls: 1 }) })
  fal.files.set('clip.mp4', { body: readFileSync(silent), type: 'video/mp4' })
  fal.files.set('clip-sound.mp4', { body: readFileSync(sound), type: 'video/mp4' })
  gemini = await createFakeApi({ dialect: 'gemini', auth: 'goog', routes: geminiFake({ video: silent, soundVideo: sound }).routes })
}, 60_000)
afterAll(async () => {
  await Promise.all([fal.close(), gemini.close()])
  rmSync(scratch, { recursive: true, force: true })
})

const falConfig = (video: string, generateAudio: boolean | string) =>
  `providers:\n  fal: { base_url: "${fal.url}", poll_interval: 10ms }\n` +
  `profiles:\n  e2e: { chat: offline, image: offline, video: "${video}", speech: offline, music: offline, generate_audio: ${String(generateAudio)} }\n`
const manifestOf = (work: VendorWorkspace) => JSON.parse(readFileSync(path.join(work.dir, 'out/manifest.json'), 'utf8')) as Manifest
const submitted = () => fal.requestsTo('fal/submit').map((request) => ({ path: request.path, body: request.json as Record<string, unknown> }))

/** The ambience stem is there and carries the vendor's tone: loud where no one speaks (the film's last second). */
async function expectVendorAmbience(work: VendorWorkspace) {
  const manifest = manifestOf(work)
  expect(manifest.audio!.stems).toContain('audio/ambience.wav')
  const film = JSON.parse(readFileSync(path.join(work.dir, 'out/storyboard.json'), 'utf8')) as { scenes: { shots: { seconds: number }[] }[] }
  const end = film.scenes.flatMap((scene) => scene.shots).reduce((sum, shot) => sum + shot.seconds, 0)
  const tail = await measureSpan(path.join(work.dir, 'out/audio/ambience.wav'), { startS: end - 1.5, endS: end - 0.5 })
  expect(tail.meanDb).toBeGreaterThan(-45)
}

describe('video models that make their own sound (fake APIs)', () => {
  it('fal Veo 3: sends generate_audio: true and "4s"-style durations, and the clips’ sound becomes the ambience stem', async () => {
    const work = vendorWorkspace(falConfig('fal:fal-ai/veo3/fast', true), { FAL_KEY: FAKE_KEY })
    const run = await work.run()
    expect(run.code, run.stderr).toBe(0)
    expect((JSON.parse(run.stdout) as Summary).calls.video).toBe(2)
    const videos = submitted().filter((request) => request.path.startsWith('/fal-ai/veo3/'))
    expect(videos).toHaveLength(2)
    for (const { path: endpoint, body } of videos) {
      // The first frame exists, so the text-to-video id is sent to its image-to-video sibling.
      expect(endpoint).toBe('/fal-ai/veo3/fast/image-to-video')
      expect(body).toMatchObject({ generate_audio: true, image_url: expect.stringMatching(/^data:image\/png;base64,/) })
      expect(body.duration).toMatch(/^[468]s$/)
    }
    await expectVendorAmbience(work)
    rmSync(work.dir, { recursive: true, force: true })
  }, 300_000)

  it('fal Veo 3 with generate_audio off: the switch is sent as false (fal’s default is on, and dearer) and no ambience stem is made', async () => {
    const before = fal.requestsTo('fal/submit').length
    const work = vendorWorkspace(falConfig('fal:fal-ai/veo3/fast', false), { FAL_KEY: FAKE_KEY })
    const run = await work.run()
    expect(run.code, run.stderr).toBe(0)
    const videos = submitted().slice(before).filter((request) => request.path.startsWith('/fal-ai/veo3/'))
    expect(videos.map((request) => request.body.generate_audio)).toEqual([false, false])
    expect(manifestOf(work).audio!.stems).not.toContain('audio/ambience.wav')
    expect(existsSync(path.join(work.dir, 'out/audio/ambience.wav'))).toBe(false)
    rmSync(work.dir, { recursive: true, force: true })
  }, 300_000)

  it('Gemini Veo 3: sends no generateAudio (Vertex-only; the Gemini API answers 400) and keeps the sound Veo 3 always makes as ambience', async () => {
    const work = vendorWorkspace(
      `providers:\n  gemini: { base_url: "${gemini.url}/v1beta", poll_interval: 10ms }\n` +
        `profiles:\n  e2e: { chat: offline, image: offline, video: gemini, speech: offline, music: offline, generate_audio: true }\n`,
      { GEMINI_API_KEY: FAKE_KEY },
    )
    const run = await work.run()
    expect(run.code, run.stderr).toBe(0)
    const starts = gemini.requestsTo('gemini/predictLongRunning').map((request) => request.json as { parameters: Record<string, unknown> })
    expect(starts).toHaveLength(2)
    for (const start of starts) expect(start.parameters).not.toHaveProperty('generateAudio')
    await expectVendorAmbience(work)
    rmSync(work.dir, { recursive: true, force: true })
  }, 300_000)

  it('refuses generate_audio with a video model that makes no sound (Veo 2): exit 2 naming the profile and the model, before any call', async () => {
    const before = gemini.requestsTo('gemini/predictLongRunning').length
    const work = vendorWorkspace(
      `providers:\n  gemini: { base_url: "${gemini.url}/v1beta" }\n` +
        `profiles:\n  e2e: { chat: offline, image: offline, video: "gemini:veo-2.0-generate-001", generate_audio: true }\n`,
      { GEMINI_API_KEY: FAKE_KEY },
    )
    const run = await work.run()
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('profile "e2e" sets generate_audio, but the video model gemini:veo-2.0-generate-001 makes no sound')
    expect(run.stderr).toContain('generate_audio: false')
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/)
    expect(gemini.requestsTo('gemini/predictLongRunning')).toHaveLength(before)
    rmSync(work.dir, { recursive: true, force: true })
  })

  it('rejects a generate_audio that is not true or false, naming the field', async () => {
    const work = vendorWorkspace(falConfig('fal', '"yes"'), { FAL_KEY: FAKE_KEY })
    const run = await work.run()
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('profiles.e2e.generate_audio')
    expect(run.stderr).toContain('true or false')
    rmSync(work.dir, { recursive: true, force: true })
  })

  it('--dry-run prices clips with sound at the table’s audio price (fal Veo 3 Fast: $0.15 a second, not $0.10)', async () => {
    const plan = async (generateAudio: boolean) => {
      const work = vendorWorkspace(falConfig('fal:fal-ai/veo3/fast', generateAudio), { FAL_KEY: FAKE_KEY })
      const run = await work.run('--dry-run')
      expect(run.code, run.stderr).toBe(0)
      rmSync(work.dir, { recursive: true, force: true })
      const rows = (JSON.parse(run.stdout) as { calls: { kind: string; model: string; calls: number; cost_usd: number }[] }).calls
      return rows.find((row) => row.kind === 'video')!
    }
    const before = fal.requestsTo('fal/submit').length
    const [on, off] = [await plan(true), await plan(false)]
    expect(on).toMatchObject({ model: 'fal-ai/veo3/fast', calls: 2 })
    expect(off.cost_usd).toBeGreaterThan(0)
    expect(on.cost_usd / off.cost_usd).toBeCloseTo(0.15 / 0.1, 6)
    expect(fal.requestsTo('fal/submit')).toHaveLength(before)
  }, 300_000)
})
