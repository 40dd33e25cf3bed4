import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../../support/run-cli.js'

const dir = tempDir()
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const storyboard = (edits: { prompt2?: string; frame2?: string } = {}) => `
title: Three Lamps
characters:
  - { name: Ada, appearance: a girl of sixteen with red hair, outfit: a leather apron }
scenes:
  - shots:
      - { shot_id: 1, first_frame: Ada lights a brass lamp., video_prompt: Slow push in. }
      - { shot_id: 2, first_frame: "${edits.frame2 ?? 'A green lamp on a desk.'}", video_prompt: "${edits.prompt2 ?? 'Static wide.'}" }
  - shots:
      - { shot_id: 3, first_frame: Ada holds a blue lamp., video_prompt: Pan left., dialogue: ["Ada: There."] }
`

type Summary = { calls: Record<string, number>; cached: Record<string, number>; film: string }
const env = { VIMAX_CACHE_DIR: path.join(dir, 'cache') }
const out = path.join(dir, 'out')
const spec = path.join(dir, 'lamps.yaml')

async function generate(yaml: string, ...flags: string[]): Promise<Summary> {
  writeFileSync(spec, yaml)
  const run = await runCli(['generate', spec, '-o', out, '--json', ...flags], { env })
  expect(run.code, run.stderr).toBe(0)
  return JSON.parse(run.stdout) as Summary
}

const filmBytes = () => readFileSync(path.join(out, 'film.mp4'))

describe('reruns pay only for what changed', () => {
  it('an unchanged rerun makes zero provider calls and a byte-identical film', async () => {
    const first = await generate(storyboard())
    // 3 portrait views + 3 frames; Ada's one line; one music bed for the film
    expect(first.calls).toEqual({ chat: 0, image: 6, video: 3, speech: 1, music: 1 })
    const film = filmBytes()
    const again = await generate(storyboard())
    expect(again.calls).toEqual({ chat: 0, image: 0, video: 0, speech: 0, music: 0 })
    expect(again.cached).toEqual({ chat: 0, image: 6, video: 3, speech: 1, music: 1 })
    expect(filmBytes().equals(film)).toBe(true)
  })

  it("editing one shot's video_prompt makes exactly one video call", async () => {
    const edited = await generate(storyboard({ prompt2: 'Slow tilt up.' }))
    expect(edited.calls).toEqual({ chat: 0, image: 0, video: 1, speech: 0, music: 0 })
  })

  it("editing one shot's first_frame makes one image and one video call", async () => {
    const edited = await generate(storyboard({ prompt2: 'Slow tilt up.', frame2: 'A red lamp on a desk.' }))
    expect(edited.calls).toEqual({ chat: 0, image: 1, video: 1, speech: 0, music: 0 })
  })

  it('--reroll gives one shot a new take, and the take sticks on later runs', async () => {
    const yaml = storyboard({ prompt2: 'Slow tilt up.', frame2: 'A red lamp on a desk.' })
    const rerolled = await generate(yaml, '--reroll', '3')
    // A new take of the picture; the line is already spoken and the film's length is unchanged.
    expect(rerolled.calls).toEqual({ chat: 0, image: 1, video: 1, speech: 0, music: 0 })
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { shots: { id: string; take: number }[] }
    expect(manifest.shots.find((shot) => shot.id === '3')?.take).toBe(1)
    expect((await generate(yaml)).calls).toEqual({ chat: 0, image: 0, video: 0, speech: 0, music: 0 })
  })

  it('--no-cache bypasses reads but still writes', async () => {
    const yaml = storyboard({ prompt2: 'Slow tilt up.', frame2: 'A red lamp on a desk.' })
    const fresh = await generate(yaml, '--no-cache')
    expect(fresh.calls).toEqual({ chat: 0, image: 6, video: 3, speech: 1, music: 1 })
    expect((await generate(yaml)).calls).toEqual({ chat: 0, image: 0, video: 0, speech: 0, music: 0 })
  })

  it('changing the style of an idea re-runs portraits, frames and clips, but not the script or storyboards', async () => {
    // Silent: what is tested is which stages a style reaches, and voicing every line twice is slow.
    const idea = (style: string) => `idea: A lighthouse keeper finds a message in a bottle.\nrequirement: two scenes\nstyle: ${style}\naudio: false\n`
    const first = await generate(idea('ink wash'))
    expect(first.calls.chat).toBeGreaterThan(0)
    const restyled = await generate(idea('neon noir'))
    expect(restyled.calls.chat).toBe(0)
    expect(restyled.calls.image).toBe(first.calls.image)
    expect(restyled.calls.video).toBe(first.calls.video)
  })
})
