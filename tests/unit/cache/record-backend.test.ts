import { describe, expect, it } from 'vitest'
import { formatTtl, resolveCacheTtls, ttlLeft } from '../../../src/cache/cache-ttl.js'
import { backendBesideBlobs, resolveRecordBackend } from '../../../src/cache/record-backend.js'
import { parseRedisUrl } from '../../../src/cache/redis-url.js'

const DAY = 86_400_000

describe('cache lifetimes (cache.ttl, VIMAX_CACHE_TTL)', () => {
  it('reads one duration for every kind, or one per kind', () => {
    expect(resolveCacheTtls('30d', undefined)).toEqual({ chat: 30 * DAY, image: 30 * DAY, video: 30 * DAY, speech: 30 * DAY, music: 30 * DAY })
    expect(resolveCacheTtls({ chat: '30d', video: '180d' }, undefined)).toEqual({ chat: 30 * DAY, video: 180 * DAY })
  })

  it('VIMAX_CACHE_TTL wins kind by kind and keeps the config for the others', () => {
    expect(resolveCacheTtls({ chat: '30d', image: '90d' }, 'chat=1d,video=180d')).toEqual({ chat: DAY, image: 90 * DAY, video: 180 * DAY })
    expect(resolveCacheTtls({ chat: '30d' }, '12h').chat).toBe(DAY / 2)
  })

  it('refuses an unknown kind or a zero lifetime with a fix (exit 2)', () => {
    expect(() => resolveCacheTtls(undefined, 'vidoe=1d')).toThrow(expect.objectContaining({ code: 'E_USAGE', message: expect.stringContaining('VIMAX_CACHE_TTL') }))
    expect(() => resolveCacheTtls({ chat: '0d' }, undefined)).toThrow(expect.objectContaining({ code: 'E_USAGE', message: expect.stringContaining('cache.ttl.chat') }))
  })

  it('counts a lifetime from creation, never from the last use; jobs and media never expire', () => {
    const ttls = { chat: 10 * DAY }
    expect(ttlLeft(ttls, 'chat', { createdAt: 0 }, 4 * DAY)).toBe(6 * DAY)
    expect(ttlLeft(ttls, 'chat', { createdAt: 0 }, 11 * DAY)).toBeLessThan(0)
    expect(ttlLeft(ttls, 'job', { createdAt: 0 }, 11 * DAY)).toBeUndefined()
    expect(formatTtl(30 * DAY)).toBe('30d')
  })
})

describe('the record backend (cache.store, REDIS_URL)', () => {
  it('stays SQLite by default, and with cache.store: sqlite even where REDIS_URL is set', () => {
    expect(resolveRecordBackend({ env: {} }).redis).toBeUndefined()
    expect(resolveRecordBackend({ cache: { store: 'sqlite' }, env: { REDIS_URL: 'redis://h:1' } }).redis).toBeUndefined()
  })

  it('takes cache.store before REDIS_URL, and shows the address without its password', () => {
    const backend = resolveRecordBackend({ cache: { store: 'redis://team:s3cretpass@cache.internal:6380/2', required: true }, env: { REDIS_URL: 'redis://other:1' } })
    expect(backend.redis?.shown).toBe('redis://cache.internal:6380/2')
    expect(backend.redis?.setting).toMatch(/^cache\.store/)
    expect(backend.required).toBe(true)
    expect(backend.redis?.redactor.redact('WRONGPASS for s3cretpass')).toBe('WRONGPASS for ***')
    expect(resolveRecordBackend({ env: { REDIS_URL: 'rediss://cache.internal' } }).redis?.setting).toBe('REDIS_URL')
  })

  it('a malformed URL is E_CACHE_STORE_URL naming the setting and the form, never the password', () => {
    for (const [text, problem] of [
      ['http://:pw123456@host:6379', 'scheme "http"'],
      ['redis//:pw123456@host', 'is not a URL'],
      ['redis://:pw123456@host:6379/cache', 'database number'],
    ] as const) {
      let error: unknown
      try {
        parseRedisUrl(text, 'REDIS_URL')
      } catch (caught) {
        error = caught
      }
      expect(error).toMatchObject({ code: 'E_CACHE_STORE_URL', message: expect.stringContaining('REDIS_URL') })
      expect((error as Error).message).toContain(problem)
      expect((error as Error).message).not.toContain('pw123456')
      expect((error as { hint: string }).hint).toContain('redis://[user:password@]host')
    }
  })
})

describe('backendBesideBlobs', () => {
  const team = resolveRecordBackend({ cache: { store: 'redis://:secret@127.0.0.1:6390/0', ttl: { video: '180d' } }, env: {} })

  it('keeps the records in the folder when the bucket cache.blobs names fell back to the folder, with one warning', () => {
    const warnings: string[] = []
    const backend = backendBesideBlobs(team, { blobsSetting: 's3://films/cache', blobs: { shared: false }, warn: (m) => warnings.push(m) })
    expect(backend.redis).toBeUndefined()
    expect(backend.ttls).toEqual(team.ttls)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/records in the cache folder/)
    expect(warnings[0]).not.toContain('secret')
  })

  it('leaves Redis in place when the bucket is reached, or when no bucket was asked for', () => {
    const warn = () => expect.unreachable('no warning')
    expect(backendBesideBlobs(team, { blobsSetting: 's3://films/cache', blobs: { shared: true }, warn })).toBe(team)
    expect(backendBesideBlobs(team, { blobsSetting: undefined, blobs: {}, warn })).toBe(team)
  })
})
