import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveTestClip } from '../../support/test-clip.js'
import { createFakeApi, FAKE_KEY, replicateRoutes, type FakeApi } from '../../support/fake-api/index.js'
import { tempDir } from '../../support/run-cli.js'
import { expectNoKeyAnywhere, vendorWorkspace, type Summary } from '../../support/vendor-run.js'

let api: FakeApi
const scratch = tempDir()

beforeAll(async () => {
  api = await createFakeApi({ dialect: 'replicate', routes: replicateRoutes({ startingPolls: 1, processingPolls: 1 }) })
  await serveTestClip(api, scratch)
})
afterAll(async () => {
  await api.close()
  rmSync(scratch, { recursive: true, force: true })
})

describe('vimax generate on replicate (fake API)', () => {
  it('makes a film from predictions: images with Prefer: wait, clips polled, outputs fetched without the token', async () => {
    const work = vendorWorkspace(
      `providers:\n  replicate: { base_url: "${api.url}/v1", poll_interval: 10ms }\nprofiles:\n  e2e: { chat: offline, image: replicate, video: replicate }\n`,
      { REPLICATE_API_TOKEN: FAKE_KEY },
    )
    const run = await work.run()
    expect(run.code, run.stderr).toBe(0)
    expect((JSON.parse(run.stdout) as Summary).calls).toMatchObject({ image: 5, video: 2 })
    const creates = api.requestsTo('replicate/create')
    expect(creates.every((request) => request.headers.authorization === `Bearer ${FAKE_KEY}`)).toBe(true)
    const videos = creates.filter((request) => request.path === '/v1/models/kwaivgi/kling-v2.1/predictions')
    expect(videos).toHaveLength(2)
    expect(videos.every((request) => request.headers.prefer === undefined && /^data:image\//.test(String((request.json as { input: Record<string, unknown> }).input.start_image)))).toBe(true)
    expect(creates.filter((request) => request.headers.prefer === 'wait=60')).toHaveLength(5)
    expect(api.requestsTo('files').every((request) => request.headers.authorization === undefined)).toBe(true)
    expectNoKeyAnywhere(work.dir, FAKE_KEY, [run.stdout, run.stderr])
  })
})
