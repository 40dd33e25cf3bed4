import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveTestClip } from '../../support/test-clip.js'
import { createFakeApi, FAKE_KEY, falRoutes, type FakeApi } from '../../support/fake-api/index.js'
import { tempDir } from '../../support/run-cli.js'
import { expectNoKeyAnywhere, vendorWorkspace, type Summary } from '../../support/vendor-run.js'

let api: FakeApi
const scratch = tempDir()

beforeAll(async () => {
  api = await createFakeApi({ dialect: 'fal', auth: 'key', routes: falRoutes({ queuedPolls: 1, runningPolls: 1 }) })
  await serveTestClip(api, scratch)
})
afterAll(async () => {
  await api.close()
  rmSync(scratch, { recursive: true, force: true })
})

describe('vimax generate on fal (fake API)', () => {
  it('makes a film through the queue: Key auth, the returned status URLs, the CDN without the key', async () => {
    const work = vendorWorkspace(
      `providers:\n  fal: { base_url: "${api.url}", poll_interval: 10ms }\nprofiles:\n  e2e: { chat: offline, image: fal, video: fal }\n`,
      { FAL_KEY: FAKE_KEY },
    )
    const run = await work.run()
    expect(run.code, run.stderr).toBe(0)
    expect((JSON.parse(run.stdout) as Summary).calls).toEqual({ chat: 1, image: 5, video: 2, speech: 1, music: 1 })
    const submits = api.requestsTo('fal/submit')
    expect(submits.every((request) => request.headers.authorization === `Key ${FAKE_KEY}`)).toBe(true)
    expect(submits.some((request) => request.path.startsWith('/fal-ai/kling-video/') && (request.json as Record<string, unknown>).image_url)).toBe(true)
    // Status and result URLs come from the submit answer: without the model's sub-path.
    expect(api.requestsTo('fal/status').every((request) => !request.path.includes('/image-to-video/'))).toBe(true)
    expect(api.requestsTo('files').every((request) => request.headers.authorization === undefined)).toBe(true)
    expectNoKeyAnywhere(work.dir, FAKE_KEY, [run.stdout, run.stderr])
  })
})
