import { CancelledError } from '../../../src/errors.js'
import { createAgent, createHttpClient, type HttpClient, type HttpClientSettings, type HttpLogEntry } from '../../../src/providers/http/index.js'
import type { CallOptions } from '../../../src/providers/types.js'
import { createFakeApi, type FakeApi, type FakeApiOptions } from '../../support/fake-api/index.js'

export interface Harness {
  readonly api: FakeApi
  readonly client: HttpClient
  /** Every wait the retry loop asked for, instead of sleeping. */
  readonly sleeps: number[]
  readonly logs: HttpLogEntry[]
  readonly rateLimits: number[]
  readonly call: { readonly model: string; readonly call: CallOptions }
  close(): Promise<void>
}

/** A fake API and a client on it with small timeouts, a recording sleep and a fixed random. */
export async function harness(
  options: { readonly fake?: FakeApiOptions; readonly client?: Partial<HttpClientSettings>; readonly signal?: AbortSignal } = {},
): Promise<Harness> {
  const api = await createFakeApi(options.fake)
  const agent = createAgent({ connectMs: 1_000 })
  const sleeps: number[] = []
  const logs: HttpLogEntry[] = []
  const rateLimits: number[] = []
  const client = createHttpClient({
    provider: 'acme',
    baseURL: `${api.url}/v1`,
    envVar: 'ACME_API_KEY',
    headers: () => ({ authorization: `Bearer ${api.key}` }),
    dispatcher: agent,
    // Generous by default so a loaded machine never fails a test by accident; timeout tests pass 300 ms.
    timeouts: { attemptMs: 5_000, idleMs: 5_000, connectMs: 1_000, totalMs: 30_000 },
    sleep: async (ms, signal) => {
      sleeps.push(ms)
      if (signal?.aborted) throw new CancelledError()
    },
    random: () => 0.5,
    log: (entry) => logs.push(entry),
    ...options.client,
  })
  const call: CallOptions = { subject: 'shot 1.2', onRateLimit: (ms) => rateLimits.push(ms), ...(options.signal ? { signal: options.signal } : {}) }
  return {
    api,
    client,
    sleeps,
    logs,
    rateLimits,
    call: { model: 'm-1', call },
    async close() {
      await agent.destroy()
      await api.close()
    },
  }
}

/** The rejection of `promise`, failing the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise
  } catch (error) {
    return error as Error & Record<string, unknown>
  }
  throw new Error('expected a rejection')
}
