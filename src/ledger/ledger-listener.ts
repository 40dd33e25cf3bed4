import type { PipelineEvent } from '../pipeline/events.js'
import type { Ledger } from './open-ledger.js'

/**
 * The ledger as an event listener: chain it beside the reporter (`emit: (e) => { reporter.event(e);
 * record(e) }`) and every call a run makes, hit or not, becomes a row. Nothing else to wire.
 */
export function ledgerListener(ledger: Ledger, runId: string): (event: PipelineEvent) => void {
  return (event) => {
    if (event.type === 'call:end') ledger.recordCall(event, runId)
  }
}
