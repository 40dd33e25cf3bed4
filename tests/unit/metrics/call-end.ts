import type { CallEnd } from '../../../src/pipeline/events.js'

let nextId = 0

/** A finished paid image call; override what a test is about. */
export function callEnd(overrides: Partial<CallEnd> = {}): CallEnd {
  return {
    type: 'call:end',
    callId: ++nextId,
    kind: 'image',
    provider: 'openai',
    model: 'gpt-image-1',
    subject: 'frame 1.1',
    cached: false,
    resumed: false,
    ms: 1_200,
    queuedMs: 0,
    attempts: 1,
    requestId: undefined,
    costUsd: 0.04,
    savedUsd: undefined,
    endedAt: 1_700_000_000_000,
    bytes: 1_000,
    cacheKey: 'v1:abc',
    error: undefined,
    ...overrides,
  }
}
