import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createFakeApi, FAKE_KEY, fault, gemini, geminiFake, type FakeApi, type Responder } from '../../support/fake-api/index.js'
import { ledgerCalls } from '../../support/ledger-calls.js'
import { makeTestVideo } from '../media/fixtures.js'
import { tempDir } from '../../support/run-cli.js'
import { vendorWorkspace, type Summary } from '../../support/vendor-run.js'

// Mara is in shot 1; Ned is cast but in no shot.
const SPEC = `
title: Harbour Lights
aspect_ratio: "16:9"
characters:
  - { name: Mara, appearance: a harbour pilot with a grey braid, outfit: a yellow oilskin }
  - { name: Ned, appearance: a ferry captain with a white beard, outfit: a navy peacoat }
scenes:
  - shots:
      - { shot_id: 1, first_frame: Mara at the wheel of a small pilot boat in thick fog., video_prompt: Slow push in on Mara., characters: [Mara] }
      - { shot_id: 2, first_frame: A ferry's lights appear out of the fog., video_prompt: Static wide as the ferry emerges. }
`

let api: FakeApi
const scratch = tempDir()
/** How Mara's front portrait is answered; undefined: normally. */
let maraFront: Responder | undefined
const promptOf = (body: unknown) =>
  String((body as { contents?: { parts?: { text?: string }[] }[] })?.contents?.[0]?.parts?.find((part) => typeof part.text === 'string')?.text ?? '')
const imagePrompts = () => api.requestsTo('gemini/generateContent').map((request) => promptOf(request.json))

beforeAll(async () => {
  const clip = path.join(scratch, 'clip.mp4')
  await makeTestVideo(clip, { width: 64, height: 36, fps: 12, seconds: 1 })
  const fake = geminiFake({ pendingPolls: 1, video: clip })
  api = await createFakeApi({ dialect: 'gemini', auth: 'goog', routes: fake.routes })
  const drawn = fake.routes.find((route) => route.name === 'gemini/generateContent')!
  api.register([{ ...drawn, respond: (x) => (maraFront && promptOf(x.request.json).startsWith('Mara, front view') ? maraFront(x) : drawn.respond(x)) }])
})
afterAll(async () => {
  await api.close()
  rmSync(scratch, { recursive: true, force: true })
})
beforeEach(() => {
  api.reset()
  maraFront = undefined
})

function workspace() {
  const work = vendorWorkspace(
    `providers:\n  gemini: { base_url: "${api.url}/v1beta", poll_interval: 10ms }\nprofiles:\n  e2e: { chat: offline, image: gemini, video: gemini }\n`,
    { GEMINI_API_KEY: FAKE_KEY },
  )
  writeFileSync(path.join(work.dir, 'spec.yaml'), SPEC)
  return work
}

describe('a portrait that fails (gemini fake)', () => {
  it('a per-day quota on a portrait a shot needs is exit 3 naming the character, recorded as a failed call; the rerun pays only for what is missing', async () => {
    const work = workspace()
    maraFront = fault.perDayQuota
    const failed = await work.run()
    expect(failed.code, failed.stderr).toBe(3)
    expect(failed.stderr).toMatch(/character mara \(front\)/)
    expect(failed.stderr).toMatch(/E_PROVIDER_QUOTA|quota/i)
    // Calls the failure stopped (E_CANCELLED) are its echoes; the failure itself is one call.
    const failedCalls = ledgerCalls(path.join(work.dir, 'cache')).filter((call) => call.status === 'error' && call.error_code !== 'E_CANCELLED')
    expect(failedCalls).toEqual([expect.objectContaining({ kind: 'image', subject: 'character mara (front)', error_code: 'E_PROVIDER_QUOTA' })])
    const manifest = JSON.parse(readFileSync(path.join(work.dir, 'out', 'manifest.json'), 'utf8')) as { status: string }
    expect(manifest.status).toBe('failed')

    maraFront = undefined
    const rerun = await work.run()
    expect(rerun.code, rerun.stderr).toBe(0)
    const summary = JSON.parse(rerun.stdout) as Summary
    expect(summary.calls.image + summary.cached.image).toBe(5) // Mara's three views and two frames
    // Every image answered in the failed run was kept: across both runs each is drawn once.
    const answered = imagePrompts().filter((prompt) => !prompt.startsWith('Mara, front view'))
    expect(answered).toHaveLength(4)
    expect(imagePrompts().filter((prompt) => prompt.startsWith('Ned'))).toEqual([]) // no shot shows Ned: never drawn
  })

  it('an empty image answer on a portrait is exit 3 naming the character, not a film with a portrait missing', async () => {
    const work = workspace()
    maraFront = gemini.image.noImage
    const failed = await work.run()
    expect(failed.code, failed.stderr).toBe(3)
    expect(failed.stderr).toMatch(/character mara \(front\)/)
    expect(imagePrompts().filter((prompt) => prompt.startsWith('Ned'))).toEqual([])
  })
})
