import type { CallRow } from '../ledger/ledger-types.js'
import type { ReportCall } from './report-input.js'

/** A ledger row as the page shows it; the same facts the live run reads from its events. */
export function callFromLedger(row: CallRow): ReportCall {
  return {
    callId: row.callId ?? row.id,
    provider: row.provider,
    model: row.model,
    kind: row.kind,
    subject: row.subject ?? undefined,
    startedAt: row.startedAt,
    queuedMs: row.queuedMs ?? 0,
    ms: row.latencyMs ?? 0,
    cached: row.cached,
    resumed: row.resumed,
    ok: row.status === 'ok',
    errorCode: row.errorCode ?? undefined,
    ...(row.fallbackFrom ? { fallbackFrom: row.fallbackFrom } : {}),
    costUsd: row.cached ? undefined : (row.costUsd ?? undefined),
    savedUsd: row.cached ? (row.savedUsd ?? undefined) : undefined,
  }
}
