import { sleep as realSleep, type Sleep } from '../util/sleep.js'

/**
 * Where a lane asks before each call start whether its `rpm` allows one more. The lane's own
 * queue still bounds concurrency; the gate only counts starts, so one gate can be shared by every
 * process of a team (`cache/redis-rate-gate.ts`) while a lone run counts its own.
 */
export interface RateGate {
  /** Resolves once a start on `lane` keeps it within `rpm` starts per rolling window, and counts it; rejects (CancelledError) when `signal` aborts first. */
  admit(lane: string, rpm: number, signal: AbortSignal): Promise<void>
}

/** A rolling window of start times per lane, in this process only. */
export interface RateWindow {
  /** Counts a start now and returns 0 when it fits; else counts nothing and returns the ms until it would. */
  tryStart(lane: string, rpm: number): number
  /** Counts a start another gate admitted, so a later fallback to this window knows about it. */
  note(lane: string): void
}

export const RATE_WINDOW_MS = 60_000

export function createRateWindow(options: { readonly windowMs?: number; readonly now?: () => number } = {}): RateWindow {
  const windowMs = options.windowMs ?? RATE_WINDOW_MS
  const now = options.now ?? Date.now
  const starts = new Map<string, number[]>()
  const recent = (lane: string, at: number) => {
    const kept = (starts.get(lane) ?? []).filter((time) => time > at - windowMs)
    starts.set(lane, kept)
    return kept
  }
  return {
    tryStart(lane, rpm) {
      const at = now()
      const kept = recent(lane, at)
      if (kept.length < rpm) {
        kept.push(at)
        return 0
      }
      // The start that must leave the window before one more fits (rpm may have been lowered).
      const oldest = kept[kept.length - rpm] ?? at
      return Math.max(1, oldest + windowMs - at)
    },
    note(lane) {
      recent(lane, now()).push(now())
    },
  }
}

/** The per-process gate: what a run without a shared store uses, and the shared gate's fallback. */
export function createLocalRateGate(options: { readonly window?: RateWindow; readonly windowMs?: number; readonly sleep?: Sleep } = {}): RateGate {
  const window = options.window ?? createRateWindow({ ...(options.windowMs !== undefined && { windowMs: options.windowMs }) })
  const sleep = options.sleep ?? realSleep
  return {
    async admit(lane, rpm, signal) {
      for (let wait = window.tryStart(lane, rpm); wait > 0; wait = window.tryStart(lane, rpm)) await sleep(wait, signal)
    },
  }
}
