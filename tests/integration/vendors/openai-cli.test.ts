import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeApi, FAKE_KEY, type FakeApi } from '../../support/fake-api/index.js'
import { expectNoKeyAnywhere, MARA_CAST, vendorWorkspace, type Summary } from '../../support/vendor-run.js'

let api: FakeApi
beforeAll(async () => (api = await createFakeApi({ dialect: 'openai', auth: 'bearer' })))
afterAll(() => api.close())

describe('vimax generate on OpenAI (fake API)', () => {
  it('writes with structured output and draws with images/edits; clips stay offline', async () => {
    const work = vendorWorkspace(`providers:\n  openai: { base_url: "${api.url}/v1" }\nprofiles:\n  e2e: { chat: openai, image: openai, video: offline }\n`, {
      OPENAI_API_KEY: FAKE_KEY,
    })
    api.script('chat', MARA_CAST)
    const run = await work.run()
    expect(run.code, run.stderr).toBe(0)
    expect((JSON.parse(run.stdout) as Summary).calls).toEqual({ chat: 1, image: 5, video: 2, speech: 1, music: 1 })
    const chat = api.requestsTo('chat')[0]!
    expect(chat.headers.authorization).toBe(`Bearer ${FAKE_KEY}`)
    expect(chat.json).toMatchObject({ model: 'gpt-4.1-mini', response_format: { type: 'json_schema', json_schema: { name: 'cast' } } })
    const generations = api.requestsTo('images/generations').map((request) => request.json as Record<string, unknown>)
    expect(generations[0]).toMatchObject({ model: 'gpt-image-1', size: '1536x1024' })
    expect(generations[0]).not.toHaveProperty('response_format')
    const edits = api.requestsTo('images/edits')
    expect(edits.length).toBeGreaterThan(0) // side and back views take the front as a reference
    expect(edits[0]!.parts!.filter((part) => part.name === 'image[]').length).toBeGreaterThan(0)
    expectNoKeyAnywhere(work.dir, FAKE_KEY, [run.stdout, run.stderr])
  })
})
