import { request } from 'undici'
import type { ProviderConfig } from '../../config/config-schema.js'
import type { DoctorCheck } from './doctor-check.js'

/** Is the key's variable set (and not a placeholder)? The value itself is never shown. */
export function keyCheck(id: string, config: ProviderConfig, env: NodeJS.ProcessEnv): DoctorCheck | undefined {
  const variable = config.api_key_env
  if (config.type === 'offline' || variable === undefined) return undefined
  const value = env[variable]?.trim()
  const placeholder = value !== undefined && /^(<.*>|your[-_ ]?api[-_ ]?key|sk-\.\.\.|\$\{.*\}|changeme|xxx+)$/i.test(value)
  if (value && !placeholder) return { name: `${id} key`, ok: true, detail: `${variable} is set` }
  return {
    name: `${id} key`,
    ok: false,
    detail: placeholder ? `${variable} holds a placeholder` : `${variable} is not set`,
    hint: `export ${variable}=<your ${id} key> (or put it in .env in this folder)`,
    exitCode: 2,
  }
}

/** Any HTTP answer (even 401 or 404) means the host is reachable; only a network failure is not. */
export async function reachCheck(id: string, baseUrl: string, timeoutMs = 5_000): Promise<DoctorCheck> {
  const started = Date.now()
  try {
    const response = await request(baseUrl, { method: 'GET', headersTimeout: timeoutMs, bodyTimeout: timeoutMs, signal: AbortSignal.timeout(timeoutMs) })
    await response.body.dump()
    return { name: `${id} reachable`, ok: true, detail: `${new URL(baseUrl).host}: HTTP ${response.statusCode} in ${Date.now() - started} ms` }
  } catch (error) {
    const reason = (error as { code?: string }).code ?? (error as Error).message
    return {
      name: `${id} reachable`,
      ok: false,
      detail: `${new URL(baseUrl).host}: ${reason}`,
      hint: `check the network, a proxy, or providers.${id}.base_url in vimax.config.yaml`,
      exitCode: 3,
    }
  }
}
