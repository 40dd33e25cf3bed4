import type { CallRow } from '../ledger/ledger-types.js'
import type { ReportCall } from './report-input.js'

/** A ledger row as the page shows it; the same facts the live run reads from its events. */
export function callFromLedger(row: CallRow): ReportCall {
  // Ledgers written before saved_usd existed have no such column: a hit's saving is then unknown.
  const saved = (row as { readonly savedUsd?: number | null }).savedUsd
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
    ok: row.status === 'ok',
    errorCode: row.errorCode ?? undefined,
    costUsd: row.cached ? undefined : (row.costUsd ?? undefined),
    savedUsd: row.cached ? (saved ?? undefined) : undefined,
  }
}
