import { paidByThisRun, type CallEnd, type PipelineEvent } from '../pipeline/events.js'
import { MODEL_KINDS } from '../providers/types.js'
import { histogramSamples, sumInOrder } from './histogram-samples.js'
import type { Labels, MetricFamily, Sample } from './metric-family.js'
import { renderExposition } from './render-exposition.js'

export interface RunMetrics {
  observe(event: PipelineEvent): void
  /** The whole file's text, in the Prometheus text exposition format 0.0.4. */
  render(run: { readonly status: string; readonly wallMs: number; readonly finishedAt: number; readonly spec?: string }): string
}

// Calls last from 50 ms (a local chat answer) to 10 min (a video job); waits for a lane start at 0.
const DURATION_BOUNDS_MS = [50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 20_000, 30_000, 60_000, 120_000, 300_000, 600_000]
const QUEUE_BOUNDS_MS = [10, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000]

/**
 * A run's calls as Prometheus families, for node_exporter's textfile collector (issue 6). Labels
 * are provider, kind, model, cached and status only — never a subject or shot id, which would make
 * a new series per shot of every film. `spec`, when given, labels every series so that one file
 * per spec can sit in the same textfile folder without colliding.
 */
export function createRunMetrics(): RunMetrics {
  const calls: CallEnd[] = []
  return {
    observe(event) {
      if (event.type === 'call:end') calls.push(event)
    },
    render(run) {
      const base: Labels = run.spec === undefined ? {} : { spec: run.spec }
      return renderExposition([...callFamilies(calls, base), ...runFamilies(run, base)])
    },
  }
}

// --- internal ---

function callFamilies(calls: readonly CallEnd[], base: Labels): MetricFamily[] {
  const lane = (call: CallEnd): Labels => ({ ...base, provider: call.provider, kind: call.kind })
  const hits = calls.filter((call) => call.cached)
  const misses = calls.filter((call) => !call.cached)
  const paid = misses.filter(paidByThisRun)
  const priced = misses.filter((call) => call.costUsd !== undefined)
  const knownSavings = hits.filter((call) => call.savedUsd !== undefined)
  return [
    counter(
      'vimax_calls_total',
      'Model calls this run finished; cached="true" when the cache served the result, status "ok" or "error".',
      group(calls, (call) => ({ ...lane(call), model: call.model, cached: String(call.cached), status: call.error === undefined ? 'ok' : 'error' })).map(
        ([labels, members]) => ({ suffix: '', labels, value: members.length }),
      ),
    ),
    counter(
      'vimax_cache_hits_total',
      'Model calls served from the vimax cache instead of a provider, per kind.',
      MODEL_KINDS.map((kind) => ({ suffix: '', labels: { ...base, kind }, value: hits.filter((call) => call.kind === kind).length })),
    ),
    histogram(
      'vimax_call_duration_seconds',
      'Time providers took on calls that were not cache hits, excluding the wait for a lane slot.',
      group(misses, lane).flatMap(([labels, members]) => histogramSamples(labels, members.map((call) => call.ms), DURATION_BOUNDS_MS)),
    ),
    histogram(
      'vimax_call_queue_seconds',
      'Time calls that were not cache hits waited for a slot in their provider:kind lane.',
      group(misses, lane).flatMap(([labels, members]) => histogramSamples(labels, members.map((call) => call.queuedMs), QUEUE_BOUNDS_MS)),
    ),
    counter('vimax_cost_usd_total', 'Estimated USD paid to providers, counting only calls whose price is known.', sums(priced, lane, (call) => call.costUsd)),
    counter('vimax_saved_usd_total', 'Estimated USD the cache hits saved: what each result cost when it was paid for, where known.', sums(knownSavings, lane, (call) => call.savedUsd)),
    counter(
      'vimax_calls_unpriced_total',
      'Paid calls whose price is unknown; vimax_cost_usd_total leaves them out rather than counting them as free.',
      group(paid, lane).map(([labels, members]) => ({ suffix: '', labels, value: members.filter((call) => call.costUsd === undefined).length })),
    ),
  ]
}

function runFamilies(run: Parameters<RunMetrics['render']>[0], base: Labels): MetricFamily[] {
  return [
    gauge('vimax_run_duration_seconds', 'Wall-clock time of the run.', [{ suffix: '', labels: base, value: run.wallMs / 1000 }]),
    gauge('vimax_run_status', 'The status the run ended with, as a label; the value is always 1.', [{ suffix: '', labels: { ...base, status: run.status }, value: 1 }]),
    gauge('vimax_run_finished_timestamp_seconds', 'When the run finished, in seconds since the Unix epoch.', [{ suffix: '', labels: base, value: run.finishedAt / 1000 }]),
  ]
}

const counter = (name: string, help: string, samples: readonly Sample[]): MetricFamily => ({ name, help, type: 'counter', samples })
const gauge = (name: string, help: string, samples: readonly Sample[]): MetricFamily => ({ name, help, type: 'gauge', samples })
const histogram = (name: string, help: string, samples: readonly Sample[]): MetricFamily => ({ name, help, type: 'histogram', samples })

function sums(calls: readonly CallEnd[], labelsOf: (call: CallEnd) => Labels, amount: (call: CallEnd) => number | undefined): Sample[] {
  return group(calls, labelsOf).map(([labels, members]) => ({ suffix: '', labels, value: sumInOrder(members.map((call) => amount(call) ?? 0)) }))
}

/** Calls grouped by their label set; labels are always built in the same order, so JSON is a fair key. */
function group(calls: readonly CallEnd[], labelsOf: (call: CallEnd) => Labels): Array<[Labels, CallEnd[]]> {
  const groups = new Map<string, [Labels, CallEnd[]]>()
  for (const call of calls) {
    const labels = labelsOf(call)
    const key = JSON.stringify(labels)
    const found = groups.get(key)
    if (found) found[1].push(call)
    else groups.set(key, [labels, [call]])
  }
  return [...groups.values()]
}
