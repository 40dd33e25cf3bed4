import { AgentError, BudgetError, CancelledError, ConfigError, MediaError, ProviderError } from '../errors.js'

/** The documented exit codes (README "Exit codes"); anything unexpected is a bug: 1. */
export const EXIT = { ok: 0, bug: 1, usage: 2, provider: 3, media: 4, budget: 5, interrupted: 130 } as const

export function exitCodeFor(error: unknown): number {
  if (error instanceof ConfigError) return EXIT.usage
  if (error instanceof ProviderError || error instanceof AgentError) return EXIT.provider
  if (error instanceof MediaError) return EXIT.media
  if (error instanceof BudgetError) return EXIT.budget
  if (error instanceof CancelledError) return EXIT.interrupted
  return EXIT.bug
}
