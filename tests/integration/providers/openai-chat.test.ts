import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createAgent } from '../../../src/providers/http/index.js'
import { createOpenAI } from '../../../src/providers/openai/provider.js'
import { isStrictSchema } from '../../../src/providers/openai/response-format.js'
import type { ProviderError } from '../../../src/errors.js'
import type { ChatRequest } from '../../../src/providers/types.js'
import { chatCompletion, createFakeApi, fault, type FakeApi } from '../../support/fake-api/index.js'

const CLOSED = {
  type: 'object',
  properties: { title: { type: 'string' }, beats: { type: 'array', items: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'], additionalProperties: false } } },
  required: ['title', 'beats'],
  additionalProperties: false,
} as const
const OPEN = { type: 'object', properties: { title: { type: 'string' }, note: { type: 'string' } }, required: ['title'] } as const

describe('openai chat', () => {
  let api: FakeApi
  const dispatcher = createAgent()
  beforeAll(async () => {
    api = await createFakeApi()
  })
  afterAll(async () => {
    await dispatcher.destroy()
    await api.close()
  })
  beforeEach(() => api.reset())

  const model = (id = 'gpt-4.1-mini') =>
    createOpenAI({ baseURL: `${api.url}/v1`, env: { OPENAI_API_KEY: api.key }, dispatcher, sleep: async () => {}, organization: 'org-1' }).chat!(id)
  const ask = (request: Partial<ChatRequest>, id?: string) => model(id).generate({ messages: [{ role: 'user', content: 'Write it.' }], ...request }, { subject: 'scene 2' })
  const sent = () => api.requestsTo('chat')[0]!.json as Record<string, unknown>
  const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable(), (error: unknown) => error as ProviderError)

  it('sends a strict json_schema when the schema qualifies', async () => {
    const result = await ask({ schema: { name: 'story outline', schema: CLOSED }, temperature: 0.7, seed: 7, maxTokens: 900 })
    expect(sent()).toMatchObject({
      model: 'gpt-4.1-mini',
      response_format: { type: 'json_schema', json_schema: { name: 'story_outline', strict: true, schema: CLOSED } },
      temperature: 0.7,
      seed: 7,
      max_completion_tokens: 900,
    })
    expect(JSON.parse(result.text)).toMatchObject({ title: expect.any(String), beats: [{ text: expect.any(String) }] })
    expect(api.requestsTo('chat')[0]!.headers['openai-organization']).toBe('org-1')
    expect(api.requestsTo('chat')[0]!.headers['x-client-request-id']).toMatch(/^vimax-/)
  })

  it('sends a non-strict json_schema when the schema has optional or open parts', async () => {
    await ask({ schema: { name: 'x', schema: OPEN } })
    expect(sent().response_format).toMatchObject({ type: 'json_schema', json_schema: { strict: false } })
    expect(isStrictSchema(OPEN)).toBe(false)
    expect(isStrictSchema(CLOSED)).toBe(true)
  })

  it('falls back to json_object with the schema as an instruction on older models', async () => {
    const result = await ask({ schema: { name: 'x', schema: CLOSED } }, 'gpt-3.5-turbo')
    expect(sent().response_format).toEqual({ type: 'json_object' })
    const messages = sent().messages as { role: string; content: string }[]
    expect(messages.at(-1)).toMatchObject({ role: 'system', content: expect.stringContaining('JSON Schema') })
    expect(result.warnings).toContain('schema sent as an instruction (json_object mode): not enforced')
  })

  it('sends no temperature to reasoning models, and says so', async () => {
    const result = await ask({ temperature: 0.2 }, 'o4-mini')
    expect(sent()).not.toHaveProperty('temperature')
    expect(result.warnings?.[0]).toContain('temperature not sent')
    await ask({ temperature: 0.2 }, 'gpt-5-mini')
    expect(api.requestsTo('chat')[1]!.json).not.toHaveProperty('temperature')
  })

  it('reports the tokens the vendor counted, not money, and tolerates missing or partial usage', async () => {
    const counted = await ask({})
    expect(counted.usage).toEqual({ inputTokens: 12, outputTokens: 8 })
    expect(counted).not.toHaveProperty('costUsd')
    api.script('chat', fault.chatAnswer('hi', { usage: false }))
    const uncounted = await ask({})
    expect(uncounted.text).toBe('hi')
    expect(uncounted.usage).toBeUndefined()
    // Half a count would price half a call: it is left out whole.
    api.script('chat', fault.json({ ...chatCompletion('hi'), usage: { prompt_tokens: 12 } }))
    expect((await ask({})).usage).toBeUndefined()
  })

  it('returns fenced JSON as text for the agents to extract', async () => {
    api.script('chat', fault.fencedJson({ title: 'x' }))
    expect((await ask({ schema: { name: 'x', schema: CLOSED } })).text).toContain('```json')
  })

  it('fails a JSON answer cut off at the token limit, without retrying', async () => {
    api.script('chat', fault.truncatedAnswer)
    const error = await failure(ask({ schema: { name: 'x', schema: CLOSED } }))
    expect(error.code).toBe('E_PROVIDER_TRUNCATED')
    expect(error.message).toContain('finish_reason "length"')
    expect(error.hint).toContain('models.chat in the spec')
    expect(error.hint).not.toContain('maxTokens')
    expect(api.requestsTo('chat')).toHaveLength(1)
  })

  it('fails a complete-looking JSON answer whose finish reason says it was cut off (native MAX_TOKENS too)', async () => {
    api.script('chat', fault.chatAnswer('{"title": "x", "beats": []}', { finishReason: 'MAX_TOKENS' }))
    const error = await failure(ask({ schema: { name: 'x', schema: CLOSED } }))
    expect(error.code).toBe('E_PROVIDER_TRUNCATED')
    expect(api.requestsTo('chat')).toHaveLength(1)
  })

  it('keeps a truncated plain-text answer, with a warning and the finish reason', async () => {
    api.script('chat', fault.chatAnswer('Once upon a', { finishReason: 'length' }))
    const result = await ask({})
    expect(result.text).toBe('Once upon a')
    expect(result.finishReason).toBe('length')
    expect(result.warnings).toContain('answer cut off at the token limit (finish_reason "length")')
  })

  it('maps a refusal to E_PROVIDER_REFUSED', async () => {
    api.script('chat', fault.refusal)
    const error = await failure(ask({ schema: { name: 'x', schema: CLOSED } }))
    expect(error.code).toBe('E_PROVIDER_REFUSED')
    expect(error.message).toMatch(/^openai:gpt-4\.1-mini \(scene 2\): POST \/v1\/chat\/completions: the model refused: I'm sorry/)
    expect(error.hint).toContain('edit the prompt of scene 2')
  })

  it('retries an empty answer once, then reports E_PROVIDER_EMPTY', async () => {
    api.script('chat', fault.chatAnswer(''), fault.chatAnswer(''))
    const error = await failure(ask({}))
    expect(error.code).toBe('E_PROVIDER_EMPTY')
    expect(api.requestsTo('chat')).toHaveLength(2)
  })

  it('reports wrong-shape JSON as E_PROVIDER_BAD_RESPONSE', async () => {
    api.script('chat', fault.json({ id: 'x', object: 'chat.completion' }), fault.json('a bare string'))
    const error = await failure(ask({}))
    expect(error.code).toBe('E_PROVIDER_BAD_RESPONSE')
    expect(error.message).toContain('expected a chat completion object, got string')
  })

  it('names the model in a 404 hint', async () => {
    api.script('chat', fault.status(404, { message: 'The model `gpt-9` does not exist', code: 'model_not_found' }))
    const error = await failure(ask({}, 'gpt-9'))
    expect(error.hint).toContain('check the model id "gpt-9"')
  })
})
