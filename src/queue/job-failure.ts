import { UnrecoverableError } from 'bullmq'
import { BudgetError, ConfigError, isVimaxError } from '../errors.js'
import type { Redactor } from '../providers/http/index.js'

/** A film's failure as `batch status` shows it. */
export interface FilmFailure {
  readonly code: string
  readonly message: string
}

const REASON = /^(E_[A-Z0-9_]+): ([\s\S]*)$/

/**
 * The error a job fails with: `E_CODE: message` (BullMQ keeps only a message), secrets masked.
 * A spec, config or budget problem is the same on every worker and every try, so it fails the
 * film at once; a provider or unexpected failure gets the film's second attempt.
 */
export function jobFailure(error: unknown, redactor: Redactor): Error {
  const code = isVimaxError(error) ? error.code : 'E_INTERNAL'
  // The first problem listed is usually the one to fix (which key is missing, which field is wrong).
  const details = isVimaxError(error) && error.details.length > 0 ? ` (${error.details[0]!.trim()})` : ''
  const message = redactor.redact(`${error instanceof Error ? error.message : String(error)}${details}`).split('\n')[0] ?? ''
  const reason = `${code}: ${message}`
  const final = error instanceof ConfigError || error instanceof BudgetError
  return final ? new UnrecoverableError(reason) : new Error(reason)
}

/** Reads a job's `failedReason` back; a reason from outside vimax (a stalled job) gets no code of ours. */
export function parseFailure(reason: string | undefined): FilmFailure | undefined {
  if (!reason) return undefined
  const match = REASON.exec(reason)
  return match ? { code: match[1]!, message: match[2]! } : { code: 'E_QUEUE_JOB', message: reason }
}
