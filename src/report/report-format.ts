import { formatUsd } from '../util/format-usd.js'

/** A sum of estimates, some of them unknown: an unknown part is never shown as $0. */
export function formatCost(cost: { readonly usd: number; readonly known: number; readonly unknown: number }): string {
  if (cost.unknown === 0) return formatUsd(cost.usd)
  return cost.known === 0 ? 'unknown' : `${formatUsd(cost.usd)} + unknown`
}

/** 850 ms, 4.3 s, 2 min 05 s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  const seconds = ms / 1000
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`
  const whole = Math.round(seconds)
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`
}

/** UTC, to the second: the page reads the same on every machine that opens it. */
export function formatTimestamp(epochMs: number): string {
  return Number.isFinite(epochMs) ? `${new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')} UTC` : 'unknown'
}
