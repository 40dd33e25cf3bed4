import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { errorEnvelope, requestIdHeader } from './dialects.js'
import { fileRoutes } from './files.js'
import { openaiRoutes } from './openai.js'
import { readRequest } from './read-request.js'
import type { Dialect, Exchange, FakeApiHandle, RecordedRequest, Responder, Route } from './types.js'

export type AuthScheme = 'bearer' | 'key' | 'goog' | 'xi' | 'none'

export interface FakeApiOptions {
  /** Error envelopes and request-id header; default "openai". Changeable later via `api.dialect`. */
  readonly dialect?: Dialect
  /** How the key must arrive: `Authorization: Bearer`, fal's `Authorization: Key`, Gemini's `x-goog-api-key`. */
  readonly auth?: AuthScheme
  readonly key?: string
  /** More vendors' routes (gemini.ts, fal.ts…); the OpenAI and file routes are always there. */
  readonly routes?: readonly Route[]
  /** WebSocket upgrades (ComfyUI's /ws); without it every upgrade is refused. */
  readonly upgrade?: (request: IncomingMessage, socket: Duplex, head: Buffer, api: FakeApiHandle) => void
}

export interface FakeApi extends FakeApiHandle {
  dialect: Dialect
  readonly requests: RecordedRequest[]
  /** Adds routes; later registrations win over earlier ones for the same path. */
  register(routes: readonly Route[]): void
  /** The next calls to `route` get these answers in order; then the route's default again. */
  script(route: string, ...responders: Responder[]): void
  requestsTo(route: string): RecordedRequest[]
  /** Forgets recorded requests and pending scripts. */
  reset(): void
  close(): Promise<void>
}

export const FAKE_KEY = 'sk-test-fake-0123456789abcdefXYZ'

/**
 * One loopback server for every vendor, so tests exercise real HTTP (sockets, timeouts, resets)
 * against scripted answers. Routes come one file per vendor; faults are responders queued per
 * route with `script`.
 */
export async function createFakeApi(options: FakeApiOptions = {}): Promise<FakeApi> {
  let routes: Route[] = [...fileRoutes, ...openaiRoutes, ...(options.routes ?? [])]
  const scripts = new Map<string, Responder[]>()
  const auth = options.auth ?? 'bearer'
  let counter = 0
  const server = http.createServer((req, res) => void handle(req, res).catch((error) => fail(res, error)))
  // Upgraded sockets leave the server's keep-alive bookkeeping: closed by hand, or close() would wait on them.
  const upgraded = new Set<Duplex>()
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    upgraded.add(socket)
    socket.on('close', () => upgraded.delete(socket))
    if (options.upgrade) options.upgrade(req, socket, head, api)
    else socket.destroy()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  const api: FakeApi = {
    url: `http://127.0.0.1:${port}`,
    key: options.key ?? FAKE_KEY,
    dialect: options.dialect ?? 'openai',
    files: new Map(),
    requests: [],
    register(more) {
      routes = [...more, ...routes]
    },
    script(route, ...responders) {
      scripts.set(route, [...(scripts.get(route) ?? []), ...responders])
    },
    requestsTo: (route) => api.requests.filter((r) => r.route === route),
    reset() {
      api.requests.length = 0
      scripts.clear()
    },
    async close() {
      for (const socket of upgraded) socket.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', api.url)
    const route = routes.find((r) => r.method === req.method && r.path.test(url.pathname))
    const params = route ? { ...route.path.exec(url.pathname)?.groups } : {}
    const request = await readRequest(req, url, route?.name ?? 'unmatched', params)
    api.requests.push(request)
    res.on('close', () => {
      if (!res.writableFinished) request.aborted = true
    })
    const idHeader = requestIdHeader(api.dialect)
    if (idHeader) res.setHeader(idHeader, `req_fake_${++counter}`)
    const exchange = makeExchange(request, res, route)
    if (!route) return exchange.error(404, { message: `no route for ${req.method} ${url.pathname}`, code: 'not_found' })
    const scripted = scripts.get(route.name)?.shift()
    if (!scripted && route.auth !== false && !authorized(req, url)) {
      const sent = String(req.headers.authorization ?? req.headers['x-goog-api-key'] ?? req.headers['xi-api-key'] ?? '')
      return exchange.error(401, { message: `Incorrect API key provided: ${sent || '(none)'}.`, code: 'invalid_api_key', type: 'invalid_request_error' })
    }
    await (scripted ?? route.respond)(exchange)
  }

  function authorized(req: IncomingMessage, url: URL): boolean {
    if (auth === 'none') return true
    // Google also takes the key as `?key=` (clients should not: it ends up in URLs and logs).
    if (auth === 'goog') return req.headers['x-goog-api-key'] === api.key || url.searchParams.get('key') === api.key
    if (auth === 'xi') return req.headers['xi-api-key'] === api.key
    return req.headers.authorization === `${auth === 'key' ? 'Key' : 'Bearer'} ${api.key}`
  }

  function makeExchange(request: RecordedRequest, res: ServerResponse, route: Route | undefined): Exchange {
    const exchange: Exchange = {
      request,
      res,
      api,
      dialect: api.dialect,
      wait: (ms) =>
        new Promise((resolve) => {
          const timer = setTimeout(done, ms)
          function done() {
            clearTimeout(timer)
            res.off('close', done)
            resolve()
          }
          res.once('close', done)
        }),
      json(status, body, headers = {}) {
        if (res.destroyed) return
        res.writeHead(status, { 'content-type': 'application/json', ...headers })
        res.end(typeof body === 'string' && headers['content-type'] ? body : JSON.stringify(body))
      },
      error(status, error, headers = {}) {
        const envelope = errorEnvelope(api.dialect, status, error)
        exchange.json(status, envelope.body, { ...envelope.headers, ...headers })
      },
      next: async () => {
        if (route) await route.respond(exchange)
      },
    }
    return exchange
  }

  function fail(res: ServerResponse, error: unknown) {
    if (res.headersSent || res.destroyed) return res.destroy()
    res.writeHead(500, { 'content-type': 'text/plain' }).end(`fake api bug: ${String(error)}`)
  }

  return api
}
