import { Agent } from 'undici'
import { DEFAULT_TIMEOUTS, type Timeouts } from './timeouts.js'

/**
 * The connection pool every vendor call goes through. Undici's defaults (about 5 minutes for
 * headers and body) would cut long generations, so they are set from our timeouts; requests
 * also pass their own per-call values, so a shared agent serves every provider.
 */
export function createAgent(timeouts: Partial<Timeouts> = {}): Agent {
  const resolved = { ...DEFAULT_TIMEOUTS, ...timeouts }
  return new Agent({
    connect: { timeout: resolved.connectMs },
    headersTimeout: resolved.attemptMs,
    bodyTimeout: resolved.idleMs,
    // Short, so a finished CLI run is not held open by idle sockets.
    keepAliveTimeout: 4_000,
  })
}
