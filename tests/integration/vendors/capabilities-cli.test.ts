import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Manifest } from '../../../src/pipeline/manifest.js'
import { serveTestClip } from '../../support/test-clip.js'
import { createFakeApi, FAKE_KEY, falRoutes, type FakeApi } from '../../support/fake-api/index.js'
import { tempDir } from '../../support/run-cli.js'
import { vendorWorkspace, type VendorWorkspace } from '../../support/vendor-run.js'

/** Two pinned characters (no casting call), a 7 s shot where Ivo speaks and a 5 s one nobody is in; silent and square, to stay quick. */
const SPEC = `
title: Pier
aspect_ratio: "1:1"
audio: false
music: false
characters:
  - { name: Mara, appearance: a harbour pilot with a grey braid, outfit: a yellow oilskin }
  - { name: Ivo, appearance: a tall ferry captain with a red beard, outfit: a navy peacoat }
scenes:
  - shots:
      - { shot_id: 1, first_frame: Mara and Ivo on the pier., video_prompt: Slow push in., characters: [Mara, Ivo], dialogue: ["Ivo: Hold."], seconds: 7 }
      - { shot_id: 2, first_frame: The empty pier at dusk., video_prompt: Static wide., seconds: 5 }
`

let api: FakeApi
const scratch = tempDir()
const works: VendorWorkspace[] = []

beforeAll(async () => {
  api = await createFakeApi({ dialect: 'fal', auth: 'key', routes: falRoutes({ queuedPolls: 0, runningPolls: 0 }) })
  await serveTestClip(api, scratch)
})
afterAll(async () => {
  await api.close()
  for (const work of [...works, { dir: scratch }]) rmSync(work.dir, { recursive: true, force: true })
})

function workspace(video: string, extra = ''): VendorWorkspace {
  const work = vendorWorkspace(
    `providers:\n  fal: { base_url: "${api.url}", poll_interval: 10ms }\n` +
      `profiles:\n  e2e: { chat: offline, image: offline, video: "${video}", speech: offline, music: offline }\n${extra}`,
    { FAL_KEY: FAKE_KEY },
  )
  writeFileSync(path.join(work.dir, 'spec.yaml'), SPEC)
  works.push(work)
  return work
}

const submitsTo = (prefix: string, since: number) =>
  api
    .requestsTo('fal/submit')
    .slice(since)
    .filter((request) => request.path.startsWith(prefix))
    .map((request) => request.json as Record<string, unknown>)

describe('the capability table fits the storyboard before paying (fal fake)', () => {
  it('7 s and 5 s shots on a model whose row (in vimax.config.yaml) allows 4, 6, 8 s are asked for as 8 s and 6 s (ties to the longer), with one summary warning', async () => {
    const since = api.requestsTo('fal/submit').length
    // An endpoint fal's provider knows nothing about: only the table can fit its clips.
    const work = workspace('fal:acme/video-model', 'capabilities:\n  "fal:acme/*": { seconds: [4, 6, 8], references: 0 }\n')
    const run = await work.run()
    expect(run.code, run.stderr).toBe(0)
    const videos = submitsTo('/acme/video-model', since)
    expect(videos.map((body) => body.duration).sort()).toEqual([6, 8])
    // The row takes no references: nothing but the first frame goes.
    expect(videos.every((body) => body.reference_image_urls === undefined && typeof body.image_url === 'string')).toBe(true)
    expect(run.stderr).toContain('fal:acme/video-model makes 4, 6, 8 s clips: shot 1 7 → 8 s, shot 2 5 → 6 s')
    expect(run.stderr).not.toContain('no capability row')
    const storyboard = JSON.parse(readFileSync(path.join(work.dir, 'out/storyboard.json'), 'utf8')) as { scenes: { shots: { seconds: number }[] }[] }
    expect(storyboard.scenes[0]!.shots.map((shot) => shot.seconds)).toEqual([8, 6])
  }, 300_000)

  it('reference-to-video: the speaker`s portrait first, trimmed to the row`s N (overridden to 2), sent as reference_image_urls, shown in the manifest and report', async () => {
    const since = api.requestsTo('fal/submit').length
    const work = workspace('fal:fal-ai/vidu/q1/reference-to-video', 'capabilities:\n  "fal:fal-ai/vidu/q1/reference-to-video": { references: 2 }\n')
    const run = await work.run()
    expect(run.code, run.stderr).toBe(0)
    const videos = submitsTo('/fal-ai/vidu/', since)
    expect(videos).toHaveLength(2)
    const withRefs = videos.filter((body) => Array.isArray(body.reference_image_urls))
    expect(withRefs).toHaveLength(1)
    const urls = withRefs[0]!.reference_image_urls as string[]
    expect(urls).toHaveLength(2)
    expect(urls.every((url) => url.startsWith('data:image/'))).toBe(true)
    // The row takes no first frame and Vidu has no duration field.
    expect(videos.every((body) => body.image_url === undefined && body.duration === undefined)).toBe(true)
    const manifest = JSON.parse(readFileSync(path.join(work.dir, 'out/manifest.json'), 'utf8')) as Manifest
    const clips = manifest.artifacts.filter((artifact) => artifact.kind === 'clip')
    expect(clips.find((clip) => clip.subject === 'shot 1')?.references).toEqual(['Ivo, front view', 'Mara, front view'])
    expect(clips.find((clip) => clip.subject === 'shot 2')?.references).toBeUndefined()
    const report = readFileSync(path.join(work.dir, 'out/report.html'), 'utf8')
    expect(report).toContain('<dt>References</dt><dd class="references">Ivo, front view; Mara, front view</dd>')
  }, 300_000)
})
