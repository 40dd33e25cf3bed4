import { rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTestVideo } from '../media/fixtures.js'
import { createFakeApi, FAKE_KEY, geminiFake, type FakeApi } from '../../support/fake-api/index.js'
import { tempDir } from '../../support/run-cli.js'
import { expectNoKeyAnywhere, vendorWorkspace, type Summary } from '../../support/vendor-run.js'

let api: FakeApi
const scratch = tempDir()
const clip = path.join(scratch, 'clip.mp4')

beforeAll(async () => {
  await makeTestVideo(clip, { width: 64, height: 36, fps: 12, seconds: 1 })
  api = await createFakeApi({ dialect: 'gemini', auth: 'goog', routes: geminiFake({ video: clip, pendingPolls: 2 }).routes })
})
afterAll(async () => {
  await api.close()
  rmSync(scratch, { recursive: true, force: true })
})

describe('vimax generate on Gemini + Veo (fake API)', () => {
  it('makes a film: inlineData references, Veo with bytesBase64Encoded, the key only in x-goog-api-key', async () => {
    const work = vendorWorkspace(
      `providers:\n  gemini: { base_url: "${api.url}/v1beta", poll_interval: 10ms }\nprofiles:\n  e2e: { chat: offline, image: gemini, video: gemini }\n`,
      { GEMINI_API_KEY: FAKE_KEY },
    )
    const run = await work.run()
    expect(run.code, run.stderr).toBe(0)
    expect((JSON.parse(run.stdout) as Summary).calls).toEqual({ chat: 1, image: 5, video: 2, speech: 1, music: 1 })

    const images = api.requestsTo('gemini/generateContent')
    expect(images.every((request) => request.headers['x-goog-api-key'] === FAKE_KEY && !('key' in request.query))).toBe(true)
    const bodies = images.map((request) => request.json as { contents: { parts: Record<string, unknown>[] }[]; generationConfig: Record<string, unknown> })
    expect(bodies[0]!.generationConfig).toMatchObject({ responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '16:9' } })
    expect(bodies.some((body) => body.contents[0]!.parts.some((part) => 'inlineData' in part))).toBe(true)
    const starts = api.requestsTo('gemini/predictLongRunning').map((request) => request.json as { instances: Record<string, Record<string, unknown>>[]; parameters: Record<string, unknown> })
    expect(starts).toHaveLength(2)
    expect(starts[0]!.instances[0]!.image).toMatchObject({ bytesBase64Encoded: expect.any(String), mimeType: 'image/png' })
    expect(starts[0]!.parameters).toMatchObject({ aspectRatio: '16:9', durationSeconds: 4 })
    expect(starts[0]!.parameters).not.toHaveProperty('seed')
    expect(api.requestsTo('gemini/download').every((request) => request.headers['x-goog-api-key'] === FAKE_KEY)).toBe(true)
    expectNoKeyAnywhere(work.dir, FAKE_KEY, [run.stdout, run.stderr])
  })
})
