/**
 * How long a call may take. Undici's own header and body timeouts default to about five minutes
 * and silently cut long image edits and video downloads, so every one is set explicitly. Each
 * is a setting a person can change per provider (`providers.<id>.timeouts` in vimax.config.yaml),
 * and a timeout's hint names the one that fired.
 */
export interface Timeouts {
  /** TCP and TLS handshake; the shared agent's, not a per-provider setting. */
  readonly connectMs: number
  /**
   * The longest wait for an answer to begin (the response headers), per attempt: a host that
   * accepts the connection and says nothing fails here. Config: `timeouts.request`.
   */
  readonly headersMs: number
  /** One attempt, from sending the request to the last body byte (the config keeps it ≥ `headersMs`). */
  readonly attemptMs: number
  /** The longest silence inside a response body: a stalled stream fails here. Config: `timeouts.body`. */
  readonly idleMs: number
  /** Every attempt and every wait between them; a retry that would end past it is not started. Config: `timeouts.total`. */
  readonly totalMs: number
}

/** The settings a timeout's hint can name, as they are spelt under `providers.<id>.timeouts`. */
export type TimeoutSetting = 'connect' | 'request' | 'body' | 'total'

export const DEFAULT_TIMEOUTS: Timeouts = {
  connectMs: 15_000,
  // Image edits with many references take a minute or two before the first byte; silence for
  // three is a host that will not answer, and it is retried once, not four times.
  headersMs: 180_000,
  attemptMs: 600_000,
  idleMs: 60_000,
  totalMs: 900_000,
}

export function resolveTimeouts(...layers: readonly (Partial<Timeouts> | undefined)[]): Timeouts {
  let resolved: Timeouts = DEFAULT_TIMEOUTS
  for (const layer of layers) {
    if (!layer) continue
    resolved = { ...resolved, ...definedOnly(layer) }
  }
  return resolved
}

/** "90 s", "3 min": how a timeout reads in a message. */
export function formatTimeout(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`
  return `${Math.round(ms / 100) / 10} s`
}

function definedOnly(layer: Partial<Timeouts>): Partial<Timeouts> {
  return Object.fromEntries(Object.entries(layer).filter(([, value]) => typeof value === 'number' && value > 0))
}
