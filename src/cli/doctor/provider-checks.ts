import type { ProviderConfig } from '../../config/config-schema.js'
import { apiKeyHint } from '../../providers/http/api-key.js'
import { keyRequirement, providerKeyState } from '../../providers/key-requirement.js'
import type { DoctorCheck } from './doctor-check.js'

/**
 * Is the key there (and not a placeholder)? The same rule, and the same variables in the same
 * order, as the check before a run and the provider's first call. The value is never shown.
 */
export async function keyCheck(id: string, config: ProviderConfig, env: NodeJS.ProcessEnv): Promise<DoctorCheck | undefined> {
  const requirement = await keyRequirement(id, config)
  if (requirement === undefined) return undefined
  const state = providerKeyState(id, requirement, env)
  if (state.ok) return { name: `${id} key`, ok: true, detail: `${state.variable} is set` }
  if (requirement.optional) return { name: `${id} key`, ok: true, detail: `none (optional; ${state.variable} ${state.problem})` }
  return {
    name: `${id} key`,
    ok: false,
    detail: `${state.variable} ${state.problem === 'is not set' ? 'is not set' : 'holds a placeholder, not a key'}`,
    // Variable only: gemini and gemini-openai both read GEMINI_API_KEY, and get one hint between them.
    hint: apiKeyHint(undefined, state.variable),
    exitCode: 2,
  }
}

/**
 * Any HTTP answer (even 401 or 404) means the host is reachable; only a network failure or
 * silence is not. Goes through the same agent as a run (proxies from the environment included).
 */
export async function reachCheck(id: string, baseUrl: string, env: NodeJS.ProcessEnv, timeoutMs = 5_000): Promise<DoctorCheck> {
  const [{ request }, { createAgent }] = await Promise.all([import('undici'), import('../../providers/http/agent.js')])
  const agent = createAgent({ connectMs: timeoutMs, headersMs: timeoutMs, idleMs: timeoutMs }, env)
  const started = Date.now()
  const host = new URL(baseUrl).host
  try {
    const response = await request(baseUrl, { dispatcher: agent, method: 'GET', headersTimeout: timeoutMs, bodyTimeout: timeoutMs, signal: AbortSignal.timeout(timeoutMs) })
    await response.body.dump()
    return { name: `${id} reachable`, ok: true, detail: `${host}: HTTP ${response.statusCode} in ${Date.now() - started} ms` }
  } catch (error) {
    return {
      name: `${id} reachable`,
      ok: false,
      detail: `${host}: ${reachFailure(error, timeoutMs)}`,
      hint: `check the network, a proxy (HTTPS_PROXY, NO_PROXY), or providers.${id}.base_url in vimax.config.yaml`,
      exitCode: 3,
    }
  } finally {
    await agent.destroy().catch(() => undefined)
  }
}

/** "no answer in 5 s", "ECONNREFUSED": a DOMException's numeric code (23) means nothing to a person. */
function reachFailure(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: unknown }).name
  const code = (error as { code?: unknown }).code
  const silent = name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT'
  if (silent) return `no answer in ${Math.round(timeoutMs / 100) / 10} s`
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return `could not connect in ${Math.round(timeoutMs / 100) / 10} s`
  if (typeof code === 'string') return code
  return error instanceof Error ? error.message : String(error)
}
