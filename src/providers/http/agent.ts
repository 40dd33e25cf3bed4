import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici'
import { DEFAULT_TIMEOUTS, type Timeouts } from './timeouts.js'

/**
 * The connection pool every vendor call goes through. Undici's defaults (about 5 minutes for
 * headers and body) would cut long generations, so they are set from our timeouts; requests
 * also pass their own per-call values, so a shared agent serves every provider.
 *
 * `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (or their lower-case forms, which win, as in curl)
 * are read from `env` — the run's environment, `.env` included — not from process.env behind
 * our back; proxied requests keep the same timeouts.
 */
export function createAgent(timeouts: Partial<Timeouts> = {}, env: Readonly<Record<string, string | undefined>> = process.env): Dispatcher {
  const resolved = { ...DEFAULT_TIMEOUTS, ...timeouts }
  const options = {
    connect: { timeout: resolved.connectMs },
    headersTimeout: Math.min(resolved.headersMs, resolved.attemptMs),
    bodyTimeout: resolved.idleMs,
    // Short, so a finished CLI run is not held open by idle sockets.
    keepAliveTimeout: 4_000,
  }
  const proxy = proxySettings(env)
  return proxy === undefined ? new Agent(options) : new EnvHttpProxyAgent({ ...options, ...proxy })
}

/** The proxy variables, explicit so undici never falls back to process.env; undefined when none is set. */
function proxySettings(env: Readonly<Record<string, string | undefined>>): { httpProxy?: string; httpsProxy?: string; noProxy: string } | undefined {
  const read = (name: string) => (env[name.toLowerCase()] || env[name] || undefined)?.trim() || undefined
  const httpProxy = read('HTTP_PROXY')
  const httpsProxy = read('HTTPS_PROXY')
  if (httpProxy === undefined && httpsProxy === undefined) return undefined
  return {
    ...(httpProxy === undefined ? {} : { httpProxy }),
    // As in curl, an https URL falls back to HTTP_PROXY when HTTPS_PROXY is not set.
    ...(httpsProxy === undefined ? {} : { httpsProxy }),
    noProxy: read('NO_PROXY') ?? '',
  }
}
