import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFakeApi, fault, TINY_MP4, type FakeApi } from '../../support/fake-api/index.js'
import { harness, rejection, type Harness } from './harness.js'

describe('download', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
  let h: Harness
  let other: FakeApi
  beforeEach(async () => {
    h = await harness()
    other = await createFakeApi({ auth: 'none' })
  })
  afterEach(async () => {
    await h.close()
    await other.close()
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  const leftovers = () => fs.readdirSync(dir).filter((name) => name.endsWith('.part'))
  const get = (url: string, extra: Record<string, unknown> = {}) => h.client.download(url, { ...h.call, expect: 'video', dir, ...extra })

  it('streams a video to a file and sniffs its type', async () => {
    const result = await get(`${h.api.url}/files/tiny.mp4`)
    expect(result.value).toMatchObject({ kind: 'file', mediaType: 'video/mp4' })
    expect(result.value.path.endsWith('.mp4')).toBe(true)
    expect(new Uint8Array(fs.readFileSync(result.value.path))).toEqual(TINY_MP4)
    expect(result.attempts).toBe(1)
  })

  it('rejects an HTML page served as the video, leaving no temp file', async () => {
    const error = await rejection(get(`${h.api.url}/files/error.html`))
    expect(error.code).toBe('E_PROVIDER_BAD_RESPONSE')
    expect(error.message).toContain('expected a video, got text/html')
    expect(leftovers()).toEqual([])
  })

  it('rejects an image when a video was promised', async () => {
    const error = await rejection(get(`${h.api.url}/files/tiny.png`))
    expect(error.message).toContain('expected a video, got image/png')
  })

  it('refuses a declared size above maxBytes without reading it', async () => {
    const error = await rejection(get(`${h.api.url}/files/tiny.mp4`, { maxBytes: 10 }))
    expect(error.code).toBe('E_PROVIDER_BAD_RESPONSE')
    expect(error.message).toContain('exceeds the 10-byte limit')
    expect(h.api.requestsTo('files')).toHaveLength(1)
  })

  it('aborts a streamed body once it passes maxBytes', async () => {
    h.api.script('files', ({ res }) => {
      res.writeHead(200, { 'content-type': 'video/mp4' })
      res.write(Buffer.from(TINY_MP4))
      for (let i = 0; i < 64; i++) res.write(Buffer.alloc(16 * 1024))
      res.end()
    })
    const error = await rejection(get(`${h.api.url}/files/big.mp4`, { maxBytes: 100_000 }))
    expect(error.message).toContain('more than 100000 bytes')
    expect(leftovers()).toEqual([])
  })

  it('follows a redirect and drops the auth header across origins', async () => {
    h.api.script('files', fault.redirect(`${other.url}/files/tiny.mp4`))
    const result = await get(`${h.api.url}/files/video.mp4`, { auth: true })
    expect(result.value.mediaType).toBe('video/mp4')
    expect(h.api.requestsTo('files')[0]?.headers.authorization).toBe(`Bearer ${h.api.key}`)
    expect(other.requestsTo('files')[0]?.headers.authorization).toBeUndefined()
  })

  it('keeps the auth header on a same-origin redirect', async () => {
    h.api.script('files', fault.redirect('/files/tiny.mp4', 307))
    await get(`${h.api.url}/files/video.mp4`, { auth: true })
    expect(h.api.requestsTo('files').map((r) => r.headers.authorization)).toEqual([`Bearer ${h.api.key}`, `Bearer ${h.api.key}`])
  })

  it('sends auth by default only to the base URL origin', async () => {
    await get(`${other.url}/files/tiny.mp4`)
    expect(other.requestsTo('files')[0]?.headers.authorization).toBeUndefined()
  })

  it('gives up after five redirects', async () => {
    h.api.script('files', ...fault.repeat(6, fault.redirect('/files/loop.mp4')))
    const error = await rejection(get(`${h.api.url}/files/loop.mp4`))
    expect(error.message).toContain('more than 5 redirects')
  })

  it.each([403, 404, 410])('reports an expired link (%i) without retrying', async (status) => {
    h.api.script('files', ({ res }) => void res.writeHead(status, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code></Error>'))
    const error = await rejection(get(`${h.api.url}/files/gone.mp4?X-Goog-Signature=abcdef123456`))
    expect(error.code).toBe('E_PROVIDER_HTTP')
    expect(error.message).toContain(`HTTP ${status}: the media link expired or does not exist`)
    expect(error.message).toContain(`GET 127.0.0.1:`)
    expect(error.message).not.toContain('abcdef123456')
    expect(String(error.hint)).toContain('expired')
    expect(h.api.requestsTo('files')).toHaveLength(1)
  })

  it('retries a 503 and a reset like any request', async () => {
    h.api.script('files', fault.serverError(503), fault.resetMidBody, fault.ok)
    const result = await get(`${h.api.url}/files/tiny.mp4`)
    expect(result.attempts).toBe(3)
  })

  it('times out a stalled download', async () => {
    h.api.script('files', ...fault.repeat(4, ({ res, wait }) => {
      res.writeHead(200, { 'content-type': 'video/mp4' })
      res.write(Buffer.from(TINY_MP4))
      return wait(60_000)
    }))
    const error = await rejection(get(`${h.api.url}/files/slow.mp4`, { timeouts: { attemptMs: 300, idleMs: 300 } }))
    expect(error.code).toBe('E_PROVIDER_TIMEOUT')
    expect(leftovers()).toEqual([])
  })

  it('logs the URL with query secrets masked', async () => {
    await get(`${h.api.url}/files/tiny.mp4?key=AIzaSyA-secret-value-1234567890&alt=media`)
    expect(h.logs[0]?.url).toBe(`${h.api.url}/files/tiny.mp4?key=***&alt=media`)
  })
})
