import { describe, expect, it } from 'vitest'
import { errorInBody, parseErrorBody } from '../../../src/providers/http/index.js'

const parse = (body: unknown) => parseErrorBody(typeof body === 'string' ? body : JSON.stringify(body))

describe('parseErrorBody', () => {
  it('reads OpenAI envelopes', () => {
    expect(parse({ error: { message: 'quota', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } })).toEqual({
      message: 'quota',
      type: 'insufficient_quota',
      code: 'insufficient_quota',
    })
  })

  it('reads OpenRouter envelopes with an integer code and moderation metadata', () => {
    expect(parse({ error: { code: 403, message: 'flagged', metadata: { reasons: ['sexual', 'violence'], flagged_input: '…' } } })).toEqual({
      message: 'flagged (sexual, violence)',
      status: 403,
      flagged: true,
    })
  })

  it('reads Google envelopes with RetryInfo and per-day QuotaFailure', () => {
    const body = {
      error: {
        code: 429,
        message: 'quota',
        status: 'RESOURCE_EXHAUSTED',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel' }] },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '37s' },
        ],
      },
    }
    expect(parse(body)).toEqual({ message: 'quota', type: 'RESOURCE_EXHAUSTED', status: 429, retryDelayMs: 37_000, perDayQuota: true })
  })

  it('reads the Gemini compatible array', () => {
    expect(parse([{ error: { code: 400, message: 'bad field', status: 'INVALID_ARGUMENT' } }])).toMatchObject({ message: 'bad field', status: 400 })
  })

  it('reads fal validation and infrastructure errors', () => {
    expect(parse({ detail: [{ loc: ['body', 'prompt'], msg: 'field required', type: 'value_error.missing' }] })).toEqual({
      message: 'body.prompt: field required',
      type: 'value_error.missing',
    })
    expect(parse({ detail: 'Runner disconnected', error_type: 'runner_disconnected' })).toEqual({ message: 'Runner disconnected', type: 'runner_disconnected' })
  })

  it('reads vLLM flat and nested errors, and Ollama strings', () => {
    expect(parse({ object: 'error', message: 'too long', type: 'BadRequestError', param: null, code: 400 })).toEqual({
      message: 'too long',
      type: 'BadRequestError',
      status: 400,
    })
    expect(parse({ error: { message: 'no model', type: 'NotFoundError', code: 404 } })).toMatchObject({ message: 'no model', status: 404 })
    expect(parse({ error: 'model "llama9" not found, try pulling it first' })).toEqual({ message: 'model "llama9" not found, try pulling it first' })
  })

  it('reduces HTML and plain text to their words', () => {
    expect(parse('<html><head><style>p{}</style></head><body><h1>502 Bad Gateway</h1></body></html>').message).toBe('502 Bad Gateway')
    expect(parse('upstream connect error').message).toBe('upstream connect error')
    expect(parse('').message).toBe('empty body')
  })
})

describe('errorInBody', () => {
  it('finds an error object in a 200 body, and nothing in a normal one', () => {
    expect(errorInBody({ error: { code: 502, message: 'Provider returned error' }, choices: [] })).toMatchObject({ status: 502 })
    expect(errorInBody({ choices: [], error: null })).toBeUndefined()
    expect(errorInBody({ choices: [] })).toBeUndefined()
  })
})
