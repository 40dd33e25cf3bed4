import PQueue from 'p-queue'
import { CancelledError } from '../errors.js'
import type { ModelKind } from '../providers/types.js'
import type { RateGate } from './rate-gate.js'

export interface LaneLimits {
  /** Calls (for video: jobs) in flight at once. */
  readonly concurrency: number
  /** Call starts per rolling minute; undefined means no cap. */
  readonly rpm?: number
}

export interface Lane {
  readonly name: string
  readonly limits: LaneLimits
  /** Runs `task` when a slot is free; rejects without running it once the run is stopping. */
  run<T>(task: () => Promise<T>): Promise<T>
  /** Holds the whole lane, not just one request, when a vendor says to slow down. */
  pauseFor(ms: number): void
}

export interface Lanes {
  get(provider: string, kind: ModelKind): Lane
}

/**
 * One queue per `provider:kind`, so a slow video vendor never holds up chat calls and each
 * vendor's limits are respected separately. `stop` is the run's soft stop: queued work is
 * dropped, work in flight finishes. A `gate` counts `rpm` instead of each lane's own queue: the
 * shared one holds it across every process of a team.
 */
export function createLanes(options: {
  readonly limitsFor: (provider: string, kind: ModelKind) => LaneLimits
  readonly stop: AbortSignal
  readonly gate?: RateGate
}): Lanes {
  const lanes = new Map<string, Lane>()
  return {
    get(provider, kind) {
      const name = `${provider}:${kind}`
      let lane = lanes.get(name)
      if (!lane) lanes.set(name, (lane = createLane(name, options.limitsFor(provider, kind), options.stop, options.gate)))
      return lane
    },
  }
}

function createLane(name: string, limits: LaneLimits, stop: AbortSignal, gate: RateGate | undefined): Lane {
  const queue = new PQueue({
    concurrency: limits.concurrency,
    ...(limits.rpm && !gate ? { intervalCap: limits.rpm, interval: 60_000, strict: true } : {}),
  })
  let resumeAt = 0
  let resumeTimer: NodeJS.Timeout | undefined
  return {
    name,
    limits,
    run(task) {
      return queue.add(async () => {
        // A slot freed by a failing call is taken before that failure has reached the run's
        // guard; one turn of the event loop lets it arrive, so the queued call sees the stop.
        await new Promise((resolve) => setImmediate(resolve))
        if (stop.aborted) throw new CancelledError(`stopped before ${name} call`)
        // Counted as late as possible, once a concurrency slot is held: the start is real.
        if (gate && limits.rpm) {
          await gate.admit(name, limits.rpm, stop).catch((error: unknown) => {
            if (!stop.aborted) throw error
          })
          if (stop.aborted) throw new CancelledError(`stopped before ${name} call`)
        }
        return task()
      }) as Promise<Awaited<ReturnType<typeof task>>>
    },
    pauseFor(ms) {
      const until = Date.now() + ms
      if (until <= resumeAt) return
      resumeAt = until
      queue.pause()
      clearTimeout(resumeTimer)
      resumeTimer = setTimeout(() => queue.start(), ms)
      resumeTimer.unref()
    },
  }
}
