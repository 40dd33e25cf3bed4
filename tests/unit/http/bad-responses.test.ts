import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { badResponse } from '../../../src/providers/http/index.js'
import { fault } from '../../support/fake-api/index.js'
import { harness, rejection, type Harness } from './harness.js'

describe('http bad responses', () => {
  let h: Harness
  beforeEach(async () => {
    h = await harness()
  })
  afterEach(async () => h.close())

  const hasChoices = (body: unknown) => {
    if (typeof body !== 'object' || body === null || !Array.isArray((body as { choices?: unknown }).choices)) throw badResponse('no choices')
    return body
  }
  const chat = () => h.client.postJson('chat/completions', { messages: [] }, { ...h.call, parse: hasChoices, errorInBody: true })

  it.each([
    ['truncated JSON', fault.malformedJson, 'malformed JSON'],
    ['text under a JSON content type', fault.notJson, 'malformed JSON'],
    ['an empty 200 body', fault.emptyBody, 'empty body'],
    ['a body without choices', fault.json({ id: 'x' }), 'no choices'],
    ['a bare string', fault.json('a bare string'), 'no choices'],
    ['data: []', fault.json({ data: [] }), 'no choices'],
  ])('%s is E_PROVIDER_BAD_RESPONSE after one retry', async (_name, responder, words) => {
    h.api.script('chat', responder, responder, fault.ok)
    const error = await rejection(chat())
    expect(error.code).toBe('E_PROVIDER_BAD_RESPONSE')
    expect(error.message).toContain(words)
    expect(h.api.requestsTo('chat')).toHaveLength(2)
  })

  it('recovers when the retry gets a good body', async () => {
    h.api.script('chat', fault.malformedJson, fault.ok)
    expect((await chat()).attempts).toBe(2)
  })

  it('treats an error object inside a 200 as the failure it reports', async () => {
    h.api.script('chat', fault.errorIn200, fault.errorIn200, fault.errorIn200, fault.errorIn200)
    const error = await rejection(chat())
    expect(error.message).toContain('error inside a 200 response: Provider returned error (Upstream: upstream overloaded)')
    expect(error.code).toBe('E_PROVIDER_HTTP')
    expect(h.api.requestsTo('chat')).toHaveLength(4)
  })

  it('accepts the Gemini compatible error array', async () => {
    h.api.dialect = 'gemini-openai'
    h.api.script('chat', fault.status(400, { message: 'Invalid JSON payload received. Unknown name "web_search_options"' }))
    const error = await rejection(chat())
    expect(error.message).toContain('HTTP 400: Invalid JSON payload received. Unknown name "web_search_options"')
  })

  it('clips a long vendor message to 300 characters', async () => {
    h.api.script('chat', fault.status(400, { message: 'x'.repeat(2_000) }))
    const error = await rejection(chat())
    expect(error.message.length).toBeLessThan(450)
  })
})
