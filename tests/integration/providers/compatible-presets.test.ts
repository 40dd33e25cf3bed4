import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ProviderError } from '../../../src/errors.js'
import { createAgent } from '../../../src/providers/http/index.js'
import { type PresetName } from '../../../src/providers/openai-compatible/presets.js'
import { createCompatible } from '../../../src/providers/openai-compatible/provider.js'
import type { ChatRequest } from '../../../src/providers/types.js'
import { createFakeApi, fault, type FakeApi } from '../../support/fake-api/index.js'

const SCHEMA = {
  type: 'object',
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  properties: { title: { type: 'string' }, additionalProperties: { type: 'string' } },
  required: ['title', 'additionalProperties'],
  additionalProperties: false,
} as const
const REQUEST: ChatRequest = { messages: [{ role: 'user', content: 'Title it.' }], schema: { name: 'title', schema: SCHEMA }, seed: 3, maxTokens: 100 }

describe('openai-compatible presets', () => {
  const dispatcher = createAgent()
  let api: FakeApi
  beforeAll(async () => {
    api = await createFakeApi()
  })
  afterAll(async () => {
    await dispatcher.destroy()
    await api.close()
  })
  beforeEach(() => {
    api.reset()
    api.dialect = 'openai'
  })

  const chat = (preset: PresetName, prefix: string, options: { env?: Record<string, string>; model?: string; extra?: object } = {}) =>
    createCompatible({ preset, baseURL: `${api.url}${prefix}`, env: options.env ?? {}, dispatcher, sleep: async () => {}, ...options.extra }).chat!(
      options.model ?? 'm',
    )
  const sent = () => api.requestsTo('chat')[0]!
  const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable(), (error: unknown) => error as ProviderError)

  it('openrouter: requires parameters with json_schema, sends attribution, reports tokens but not usage.cost', async () => {
    api.script('chat', (x) => x.json(200, { ...chatBody('{"title":"t","additionalProperties":"a"}'), usage: { prompt_tokens: 1, completion_tokens: 1, cost: 0.00042 } }))
    const model = chat('openrouter', '/api/v1', { env: { OPENROUTER_API_KEY: api.key }, model: 'openai/o4-mini', extra: { appUrl: 'https://vimax.dev', appTitle: 'vimax' } })
    const result = await model.generate({ ...REQUEST, temperature: 0.5 })
    expect(sent().path).toBe('/api/v1/chat/completions')
    expect(sent().json).toMatchObject({ provider: { require_parameters: true }, response_format: { json_schema: { strict: true } }, max_tokens: 100 })
    expect(sent().json).not.toHaveProperty('temperature')
    expect(sent().headers).toMatchObject({ 'http-referer': 'https://vimax.dev', 'x-openrouter-title': 'vimax' })
    expect(result.usage).toEqual({ inputTokens: 1, outputTokens: 1 })
    expect(result).not.toHaveProperty('costUsd')
  })

  it('openrouter: an error inside a 200 and finish_reason "error" are failures', async () => {
    api.dialect = 'openrouter'
    api.script('chat', ...fault.repeat(5, fault.json({ error: { code: 402, message: 'Insufficient credits' } })))
    const model = chat('openrouter', '/api/v1', { env: { OPENROUTER_API_KEY: api.key } })
    const quota = await failure(model.generate(REQUEST))
    expect(quota.code).toBe('E_PROVIDER_QUOTA')
    expect(api.requestsTo('chat')).toHaveLength(1)
    api.reset()
    api.script('chat', ...fault.repeat(2, fault.chatAnswer('partial', { finishReason: 'error' })))
    const failed = await failure(model.generate(REQUEST))
    expect(failed.code).toBe('E_PROVIDER_FAILED')
    expect(api.requestsTo('chat')).toHaveLength(2)
  })

  it('ollama: no key means no Authorization header; json_schema passed as is', async () => {
    // Scripted answers skip the fake's auth check, as a local Ollama does.
    api.script('chat', fault.ok)
    const result = await chat('ollama', '/v1').generate(REQUEST)
    expect(JSON.parse(result.text)).toHaveProperty('title')
    expect(sent().headers.authorization).toBeUndefined()
    expect(sent().json).toMatchObject({ response_format: { type: 'json_schema', json_schema: { schema: SCHEMA } } })
    expect((sent().json as { response_format: { json_schema: object } }).response_format.json_schema).not.toHaveProperty('strict')
  })

  it('ollama: a missing model is a 404 naming the model', async () => {
    api.dialect = 'ollama'
    api.script('chat', fault.status(404, { message: 'model "llama9" not found, try pulling it first' }))
    const error = await failure(chat('ollama', '/v1', { model: 'llama9' }).generate(REQUEST))
    expect(error.message).toContain('model "llama9" not found')
    expect(error.hint).toContain('check the model id "llama9"')
  })

  it('vllm: reads the flat error shape', async () => {
    api.dialect = 'vllm'
    api.script('chat', fault.status(400, { message: "This model's maximum context length is 4096 tokens" }))
    const error = await failure(chat('vllm', '/v1').generate(REQUEST))
    expect(error.message).toContain("HTTP 400: This model's maximum context length is 4096 tokens")
  })

  it('deepseek: json_object with the schema as an instruction, no seed', async () => {
    const result = await chat('deepseek', '/v1', { env: { DEEPSEEK_API_KEY: api.key } }).generate(REQUEST)
    expect(sent().json).toMatchObject({ response_format: { type: 'json_object' } })
    expect(sent().json).not.toHaveProperty('seed')
    expect(result.warnings).toContain('seed not sent: deepseek does not take one')
    expect(JSON.parse(result.text)).toHaveProperty('title')
  })

  it('gemini-openai: strips keywords Gemini rejects (not property names), sends no strict, reads error arrays', async () => {
    const model = chat('gemini-openai', '/v1beta/openai', { env: { GOOGLE_API_KEY: api.key }, model: 'gemini-2.5-flash' })
    await model.generate(REQUEST)
    const format = (sent().json as { response_format: { json_schema: Record<string, unknown> } }).response_format.json_schema
    expect(format).not.toHaveProperty('strict')
    expect(format.schema).toEqual({ type: 'object', properties: { title: { type: 'string' }, additionalProperties: { type: 'string' } }, required: ['title', 'additionalProperties'] })
    expect(Object.keys(sent().json as object).sort()).toEqual(['max_tokens', 'messages', 'model', 'response_format', 'seed'])
    api.reset()
    api.dialect = 'gemini-openai'
    api.script('chat', fault.status(400, { message: 'Invalid JSON payload received.' }))
    expect((await failure(model.generate(REQUEST))).message).toContain('HTTP 400: Invalid JSON payload received.')
  })
})

function chatBody(content: string) {
  return { id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }
}
