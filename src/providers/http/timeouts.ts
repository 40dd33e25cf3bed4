/**
 * How long a call may take. Undici's own header and body timeouts default to about five minutes
 * and silently cut long image edits and video downloads, so every one is set explicitly.
 */
export interface Timeouts {
  /** TCP and TLS handshake. */
  readonly connectMs: number
  /** One attempt, from sending the request to the last body byte (or, for downloads, the headers). */
  readonly attemptMs: number
  /** The longest silence inside a response body: a stalled stream fails here, not at `attemptMs`. */
  readonly idleMs: number
  /** Every attempt and every wait between them; a retry that would end past it is not started. */
  readonly totalMs: number
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  connectMs: 15_000,
  // openai-node's per-attempt default; image edits and reasoning models take minutes.
  attemptMs: 600_000,
  idleMs: 120_000,
  totalMs: 1_800_000,
}

export function resolveTimeouts(...layers: readonly (Partial<Timeouts> | undefined)[]): Timeouts {
  let resolved: Timeouts = DEFAULT_TIMEOUTS
  for (const layer of layers) {
    if (!layer) continue
    resolved = { ...resolved, ...definedOnly(layer) }
  }
  return resolved
}

function definedOnly(layer: Partial<Timeouts>): Partial<Timeouts> {
  return Object.fromEntries(Object.entries(layer).filter(([, value]) => typeof value === 'number' && value > 0))
}
