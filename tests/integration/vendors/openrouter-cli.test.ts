import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveTestClip } from '../../support/test-clip.js'
import { createFakeApi, FAKE_KEY, openrouterRoutes, type FakeApi, type OpenRouterFakeSettings } from '../../support/fake-api/index.js'
import { tempDir } from '../../support/run-cli.js'
import { expectNoKeyAnywhere, MARA_CAST, vendorWorkspace, type Summary } from '../../support/vendor-run.js'

let api: FakeApi
const settings: OpenRouterFakeSettings = { pendingPolls: 2 }
const scratch = tempDir()

beforeAll(async () => {
  api = await createFakeApi({ dialect: 'openrouter', auth: 'bearer', routes: openrouterRoutes(settings) })
  await serveTestClip(api, scratch)
})
afterAll(async () => {
  await api.close()
  rmSync(scratch, { recursive: true, force: true })
})

const config = () => `
providers:
  openrouter: { base_url: "${api.url}/api/v1", poll_interval: 10ms }
profiles:
  e2e: { chat: openrouter, image: openrouter, video: openrouter }
`

describe('vimax generate on OpenRouter (fake API)', () => {
  it('makes a film with the documented requests, and the key is nowhere but the auth header', async () => {
    api.reset()
    const work = vendorWorkspace(config(), { OPENROUTER_API_KEY: FAKE_KEY })
    api.script('chat', MARA_CAST)
    const run = await work.run()
    expect(run.code, run.stderr).toBe(0)
    const summary = JSON.parse(run.stdout) as Summary
    expect(summary.calls).toEqual({ chat: 1, image: 5, video: 2, speech: 1, music: 1 }) // casting; 3 portrait views + 2 frames; 2 clips; Mara's one line; the score

    const chat = api.requestsTo('chat')[0]!
    expect(chat.headers.authorization).toBe(`Bearer ${FAKE_KEY}`)
    expect(chat.json).toMatchObject({ model: 'openai/gpt-4.1-mini', response_format: { type: 'json_schema' }, provider: { require_parameters: true } })
    const image = api.requestsTo('images').map((request) => request.json as Record<string, unknown>)
    expect(image[0]).toMatchObject({ model: 'google/gemini-2.5-flash-image', aspect_ratio: '16:9' })
    expect(image.some((body) => Array.isArray(body.input_references) && body.input_references.length > 0)).toBe(true)
    const video = api.requestsTo('videos').map((request) => request.json as Record<string, unknown>)
    expect(video).toHaveLength(2)
    expect(video[0]).toMatchObject({ model: 'google/veo-3.1-fast', aspect_ratio: '16:9', frame_images: [{ type: 'image_url', frame_type: 'first_frame' }] })
    expect(api.requestsTo('videos/content').every((request) => request.headers.authorization === `Bearer ${FAKE_KEY}`)).toBe(true)

    const log = readFileSync(path.join(work.dir, 'requests.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(log.length).toBeGreaterThanOrEqual(api.requests.length - 1)
    expect(log[0]).toMatchObject({ provider: 'openrouter', run_id: expect.any(String), method: 'POST' })
    expect(log.every((entry) => typeof entry.call_id === 'string' && typeof entry.ms === 'number' && typeof entry.attempt === 'number')).toBe(true)
    expect(log.some((entry) => entry.subject === 'shot 1' && entry.model === 'google/veo-3.1-fast')).toBe(true)
    expectNoKeyAnywhere(work.dir, FAKE_KEY, [run.stdout, run.stderr])
  })

  it('a video job that fails is exit 3 naming provider, model and shot; finished work is cached for the rerun', async () => {
    api.reset()
    const work = vendorWorkspace(config(), { OPENROUTER_API_KEY: FAKE_KEY })
    Object.assign(settings, { outcome: 'failed', error: 'upstream model crashed', outcomeFor: 'ferry emerges' })
    api.script('chat', MARA_CAST)
    const failed = await work.run()
    expect(failed.code).toBe(3)
    expect(failed.stderr).toMatch(/openrouter:google\/veo-3\.1-fast: the video job for shot 2 failed: upstream model crashed/)
    expect(failed.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)
    const prompts = () => api.requestsTo('videos').map((request) => String((request.json as { prompt: string }).prompt))
    const ferry = (list: string[]) => list.filter((prompt) => prompt.includes('ferry emerges')).length
    expect(ferry(prompts())).toBe(1) // the failed job is never restarted by a poll retry

    Object.assign(settings, { outcome: 'completed', outcomeFor: undefined })
    const rerun = await work.run()
    expect(rerun.code, rerun.stderr).toBe(0)
    const summary = JSON.parse(rerun.stdout) as Summary
    expect(summary.calls.chat).toBe(0) // the casting was kept
    // Every image the failed run made was kept: across both runs each is paid for once. (Which
    // ones the first run reached depends on when the failure stopped new calls.)
    expect(summary.cached.image + summary.calls.image).toBe(5)
    expect(api.requestsTo('images')).toHaveLength(5)
    expect(ferry(prompts())).toBe(2) // the failed clip, paid for again only because it failed
    expectNoKeyAnywhere(work.dir, FAKE_KEY, [failed.stdout, failed.stderr, rerun.stdout, rerun.stderr])
  })

  it('a missing key is exit 2 naming the variable, before any request', async () => {
    api.reset()
    const work = vendorWorkspace(config(), { OPENROUTER_API_KEY: '' })
    const run = await work.run()
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/OPENROUTER_API_KEY/)
    expect(api.requests).toHaveLength(0)
  })
})
