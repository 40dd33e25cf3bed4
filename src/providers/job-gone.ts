import { ProviderError } from '../errors.js'

/** Statuses with which a vendor says it no longer knows a job (or the output it made). */
const GONE = new Set([404, 410])

/**
 * A poll, result fetch or download of a job answered "not found": the vendor expired or removed
 * it, and asking again cannot bring it back. Rethrown under one code, E_PROVIDER_JOB_GONE, to
 * which the cache layer reacts the same way for every provider (the record goes, the call starts
 * again); any other error comes back unchanged.
 */
export function asJobGone(error: unknown, job: { readonly id: string }, statuses: ReadonlySet<number> = GONE): unknown {
  if (!(error instanceof ProviderError) || error.status === undefined || !statuses.has(error.status) || error.code === 'E_PROVIDER_JOB_GONE') return error
  return new ProviderError(`${error.message}; ${error.provider} no longer knows job ${job.id} (expired or removed)`, {
    code: 'E_PROVIDER_JOB_GONE',
    provider: error.provider,
    ...(error.model === undefined ? {} : { model: error.model }),
    ...(error.subject === undefined ? {} : { subject: error.subject }),
    status: error.status,
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
    hint: `rerun: ${error.provider} no longer knows this job, so it is started again (a new paid call)`,
    cause: error,
  })
}

export function isJobGone(error: unknown): error is ProviderError {
  return error instanceof ProviderError && error.code === 'E_PROVIDER_JOB_GONE'
}
