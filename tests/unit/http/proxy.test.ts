import http from 'node:http'
import net from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAgent, createHttpClient } from '../../../src/providers/http/index.js'
import { createFakeApi, fault, type FakeApi } from '../../support/fake-api/index.js'
import { rejection } from './harness.js'

/** A tiny forward proxy: tunnels CONNECT to loopback and forwards absolute-URI requests, recording each. */
async function createProxy() {
  const seen: string[] = []
  const sockets = new Set<net.Socket>()
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`)
    const target = new URL(req.url ?? '/')
    const upstream = http.request({ host: '127.0.0.1', port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    req.pipe(upstream)
  })
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`)
    sockets.add(client)
    client.on('error', () => undefined)
    const [host, port] = (req.url ?? '').split(':')
    // Only loopback is tunnelled: a test never reaches the internet.
    if (host !== '127.0.0.1') return client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
    const upstream = net.connect(Number(port), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.destroy())
  })
  server.on('connection', (socket) => sockets.add(socket))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`
  return {
    url,
    seen,
    async close() {
      sockets.forEach((socket) => socket.destroy())
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

describe('proxies from the environment', () => {
  let api: FakeApi
  let proxy: Awaited<ReturnType<typeof createProxy>>
  const agents: { destroy(): Promise<void> }[] = []
  beforeAll(async () => {
    api = await createFakeApi()
    proxy = await createProxy()
  })
  afterEach(() => {
    api.reset()
    proxy.seen.length = 0
  })
  afterAll(async () => {
    await Promise.all(agents.map((agent) => agent.destroy()))
    await proxy.close()
    await api.close()
  })

  const client = (env: Record<string, string>, baseURL = `${api.url}/v1`) => {
    const dispatcher = createAgent({ connectMs: 2_000 }, env)
    agents.push(dispatcher)
    return createHttpClient({ provider: 'acme', baseURL, headers: () => ({ authorization: `Bearer ${api.key}` }), dispatcher, retry: { maxRetries: 0 } })
  }
  const chat = (c: ReturnType<typeof client>) => c.postJson('chat/completions', { model: 'm-1', messages: [] }, { model: 'm-1' })

  it('sends requests through HTTP_PROXY, and they still arrive', async () => {
    const result = await chat(client({ HTTP_PROXY: proxy.url }))
    expect(result.status).toBe(200)
    expect(proxy.seen).toHaveLength(1)
    expect(proxy.seen[0]).toMatch(new RegExp(`^(CONNECT 127\\.0\\.0\\.1:${new URL(api.url).port}|POST ${api.url}/v1/chat/completions)$`))
    expect(api.requestsTo('chat')).toHaveLength(1)
  })

  it('sends https requests through HTTPS_PROXY (lower-case https_proxy too)', async () => {
    const error = await rejection(chat(client({ https_proxy: proxy.url }, 'https://api.vimax.invalid/v1')))
    expect(error.code).toBe('E_PROVIDER_NETWORK')
    expect(proxy.seen).toEqual(['CONNECT api.vimax.invalid:443'])
  })

  it('goes direct for hosts NO_PROXY names', async () => {
    await chat(client({ HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' }))
    expect(proxy.seen).toEqual([])
    expect(api.requestsTo('chat')).toHaveLength(1)
  })

  it('goes direct when no proxy variable is set', async () => {
    await chat(client({}))
    expect(proxy.seen).toEqual([])
  })
})

describe('redirects never carry credentials to another origin', () => {
  let api: FakeApi
  let other: FakeApi
  beforeAll(async () => {
    api = await createFakeApi({ auth: 'none' })
    other = await createFakeApi({ auth: 'none' })
  })
  afterAll(async () => {
    await api.close()
    await other.close()
  })

  const CREDENTIALS = {
    authorization: 'Bearer sk-secret-0001',
    'x-goog-api-key': 'AIza-secret-0002',
    'x-api-key': 'secret-0003',
    'xi-api-key': 'secret-0004',
    'x-kling-token': 'secret-0005',
  }
  const client = () => createHttpClient({ provider: 'acme', baseURL: `${api.url}/v1`, headers: () => CREDENTIALS, retry: { maxRetries: 0 } })

  it('a download redirected to another loopback origin arrives there without any key header', async () => {
    api.script('files', fault.redirect(`${other.url}/files/tiny.mp4`))
    const result = await client().download(`${api.url}/files/video.mp4`, { model: 'm-1', expect: 'video' })
    expect(result.value.mediaType).toBe('video/mp4')
    expect(api.requestsTo('files')[0]?.headers).toMatchObject(CREDENTIALS)
    const arrived = other.requestsTo('files')[0]?.headers ?? {}
    for (const name of Object.keys(CREDENTIALS)) expect(arrived[name]).toBeUndefined()
    expect(JSON.stringify(arrived)).not.toMatch(/secret/)
  })

  it('a JSON call is never redirected at all', async () => {
    api.script('chat', fault.redirect(`${other.url}/v1/chat/completions`, 307))
    const error = await rejection(client().postJson('chat/completions', { model: 'm-1', messages: [] }, { model: 'm-1' }))
    expect(error.message).toContain('HTTP 307')
    expect(other.requestsTo('chat')).toHaveLength(0)
  })
})
