import { ConfigError } from '../errors.js'
import type { Ledger } from '../ledger/open-ledger.js'

/** What the errors below say to look at; commands add their own context to the message. */
const LIST_HINT = 'vimax runs lists recent run ids (a unique prefix is enough)'

/**
 * The one run an id or id prefix names. Several matches are an error listing them, never a guess:
 * `runs rm 2026` must not delete whichever run sorts first.
 */
export function findRun(ledger: Ledger | undefined, id: string, context: { readonly command: string; readonly cacheDir: string }): string {
  const ids = ledger?.findRunIds(id) ?? []
  if (ids.length === 1) return ids[0]!
  if (ids.length === 0) throw runNotFound(id, context)
  throw new ConfigError(`${context.command}: "${id}" is ambiguous: it begins ${ids.length === 20 ? '20 or more' : ids.length} run ids`, {
    code: 'E_RUN_AMBIGUOUS',
    details: ids.map((candidate) => `candidate: ${candidate}`),
    data: { candidates: ids },
    hint: 'type more of the id, enough to name one run',
  })
}

export function runNotFound(id: string, context: { readonly command: string; readonly cacheDir: string }): ConfigError {
  return new ConfigError(`${context.command}: no run "${id}" in ${context.cacheDir}`, { code: 'E_RUN_NOT_FOUND', hint: LIST_HINT })
}
