import { afterEach, describe, expect, it } from 'vitest'
import { request } from 'undici'
import { sniffMediaType } from '../../../src/media/media-type.js'
import { createFakeApi, schemaInstance, TINY_MP4, TINY_PNG, type FakeApi } from '../../support/fake-api/index.js'

describe('fake api', () => {
  let api: FakeApi | undefined
  afterEach(async () => api?.close())

  const post = async (path: string, headers: Record<string, string>) => {
    const response = await request(`${api!.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' })
    return { status: response.statusCode, body: await response.body.json() }
  }

  it.each([
    ['bearer', { authorization: 'Bearer K-123456' }, { authorization: 'Key K-123456' }],
    ['key', { authorization: 'Key K-123456' }, { authorization: 'Bearer K-123456' }],
    ['goog', { 'x-goog-api-key': 'K-123456' }, { authorization: 'Bearer K-123456' }],
  ] as const)('checks the exact %s auth header', async (auth, good, bad) => {
    api = await createFakeApi({ auth, key: 'K-123456' })
    expect((await post('/v1/chat/completions', good)).status).toBe(200)
    expect((await post('/v1/chat/completions', bad)).status).toBe(401)
  })

  it('lets vendor files add routes', async () => {
    api = await createFakeApi()
    api.register([{ name: 'veo/start', method: 'POST', path: /:predictLongRunning$/, respond: (x) => x.json(200, { name: 'operations/1' }) }])
    const response = await post('/v1beta/models/veo:predictLongRunning', { authorization: `Bearer ${api.key}` })
    expect(response.body).toEqual({ name: 'operations/1' })
    expect(api.requestsTo('veo/start')).toHaveLength(1)
  })

  it('serves media that sniffs as what it claims', () => {
    expect(sniffMediaType(TINY_PNG)).toBe('image/png')
    expect(sniffMediaType(TINY_MP4)).toBe('video/mp4')
  })

  it('builds a valid instance of a schema', () => {
    const schema = {
      type: 'object',
      properties: {
        title: { type: 'string', minLength: 12 },
        count: { type: 'integer', minimum: 2, maximum: 5 },
        ratio: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        mood: { enum: ['calm', 'tense'] },
        tags: { type: 'array', items: { type: 'string' }, minItems: 2 },
        cast: { $ref: '#/$defs/person' },
        note: { anyOf: [{ type: 'null' }, { type: 'string' }] },
        optional: { type: 'string' },
      },
      required: ['title', 'count', 'ratio', 'mood', 'tags', 'cast', 'note'],
      $defs: { person: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
    }
    const value = schemaInstance(schema) as Record<string, unknown>
    expect(value).toEqual({ title: 'fake textxxx', count: 2, ratio: 0.5, mood: 'calm', tags: ['fake text', 'fake text'], cast: { name: 'fake text' }, note: 'fake text' })
  })
})
